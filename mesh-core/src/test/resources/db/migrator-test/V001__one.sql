CREATE TABLE migrator_one (id int PRIMARY KEY);
