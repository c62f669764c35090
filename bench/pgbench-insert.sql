\set id random(1, 1000000000)
insert into pgbench_ceiling (id, payload) values (:id, 'a single-row insert, one transaction');
