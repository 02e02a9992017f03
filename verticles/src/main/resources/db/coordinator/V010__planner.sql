-- Which planner made a job's plan (issue 11): 'deterministic' or 'model:<name>', and why a model's plan was not
-- used when one was asked for. Null until the job is planned.
ALTER TABLE jobs ADD COLUMN planner text;
ALTER TABLE jobs ADD COLUMN planner_note text;
