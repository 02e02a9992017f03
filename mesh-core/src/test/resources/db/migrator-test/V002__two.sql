CREATE TABLE migrator_two (id int PRIMARY KEY);
