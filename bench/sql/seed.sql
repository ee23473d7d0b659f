-- Seeds the benchmark database (psql variables: users, admins, tokens). Ids, usernames and tokens follow
-- formulas that bench/run and the pgbench scripts share:
--   user i:  id 'B' || translate(lpad(i, 16, '0'), '01', 'AB'), username 'bench<i>', password 'bench-password'
--   users 1..admins hold 'admin', the others 'user'
--   token j: 'bench-token-<j>', owned by user ((j - 1) % users) + 1, issued within the last 30 days
-- Every user gets the initial admin's bcrypt hash (ADMIN_PASS=bench-password), so no hash is computed here.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO users (id, username, name, email, email_verified, password_hash, active, type, status, utc_offset,
                   created_at, updated_at)
SELECT 'B' || translate(lpad(i::text, 16, '0'), '01', 'AB'), 'bench' || i, 'Bench User ' || i,
       'bench' || i || '@bench.test', true, (SELECT password_hash FROM users WHERE username = 'admin'), true,
       'user', 'offline', 0, now(), now()
FROM generate_series(1, :users) AS i;
INSERT INTO user_roles (user_id, position, role_id)
SELECT 'B' || translate(lpad(i::text, 16, '0'), '01', 'AB'), 0, CASE WHEN i <= :admins THEN 'admin' ELSE 'user' END
FROM generate_series(1, :users) AS i;
INSERT INTO login_tokens (hashed_token, user_id, issued_at)
SELECT encode(sha256(convert_to('bench-token-' || j, 'UTF8')), 'base64'),
       'B' || translate(lpad((((j - 1) % :users) + 1)::text, 16, '0'), '01', 'AB'),
       now() - random() * interval '30 days'
FROM generate_series(1, :tokens) AS j;
COMMIT;
ANALYZE users, user_roles, login_tokens;
