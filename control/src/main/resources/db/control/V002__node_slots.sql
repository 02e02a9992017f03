-- The worker capacity a node enrolled with; approved, it is written into the node's certificate
-- and coordinators never count more free slots from its heartbeats (0 = not stated).
ALTER TABLE control_nodes ADD COLUMN slots integer NOT NULL DEFAULT 0 CHECK (slots BETWEEN 0 AND 4096);
