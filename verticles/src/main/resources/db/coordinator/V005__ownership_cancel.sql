-- Ownership and cancellation (issue 8). Every job belongs to its requester: a person lists only
-- their own jobs (newest first), an admin lists every job, optionally by status. A cancelled job
-- has status 'cancelled' and its unfinished subtasks status 'cancelled'; finished_at says when.
CREATE INDEX jobs_requester_seq ON jobs (requester, seq DESC);
CREATE INDEX jobs_status_seq ON jobs (status, seq DESC);
