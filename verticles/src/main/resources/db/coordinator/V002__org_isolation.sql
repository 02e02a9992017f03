-- The requester's organisation (policy: external jobs need strong isolation) and the weakest
-- isolation the job's subtasks actually ran under.
ALTER TABLE jobs ADD COLUMN requester_org text;
ALTER TABLE jobs ADD COLUMN isolation text;
