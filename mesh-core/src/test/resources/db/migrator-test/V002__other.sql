CREATE TABLE migrator_other (id int PRIMARY KEY);
