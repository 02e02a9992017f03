-- Scheduling (issue 12): a job's priority and deadline (the latest time it may start), and for
-- each subtask why its latest attempt went to its worker and why other workers were passed over.
ALTER TABLE jobs ADD COLUMN priority int; -- null: the default priority (5)
ALTER TABLE jobs ADD COLUMN deadline timestamptz;
ALTER TABLE subtasks ADD COLUMN placement text;
ALTER TABLE subtasks ADD COLUMN passed_over jsonb NOT NULL DEFAULT '[]'::jsonb;
-- queue bounds count a requester's unfinished jobs at every submission
CREATE INDEX jobs_unfinished_requester ON jobs (requester) WHERE status IN ('queued', 'running');
