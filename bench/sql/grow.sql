-- Growth: dormant users (never callers nor targets) holding :per tokens each, so that the table grows while every
-- user stays within MAX_RESUME_LOGIN_TOKENS. Users :from to :to (psql variables), one transaction per call, so
-- that bench/run can grow in batches and stop at its time box.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO users (id, username, name, email, email_verified, password_hash, active, type, status, utc_offset,
                   created_at, updated_at)
SELECT 'D' || translate(lpad(i::text, 16, '0'), '01', 'AB'), 'dormant' || i, 'Dormant ' || i,
       'dormant' || i || '@bench.test', true, NULL, true, 'user', 'offline', 0, now(), now()
FROM generate_series(:from, :to) AS i;
INSERT INTO user_roles (user_id, position, role_id)
SELECT 'D' || translate(lpad(i::text, 16, '0'), '01', 'AB'), 0, 'user' FROM generate_series(:from, :to) AS i;
INSERT INTO login_tokens (hashed_token, user_id, issued_at)
SELECT encode(sha256(convert_to('dormant-token-' || i || '-' || k, 'UTF8')), 'base64'),
       'D' || translate(lpad(i::text, 16, '0'), '01', 'AB'),
       now() - random() * interval '30 days'
FROM generate_series(:from, :to) AS i, generate_series(1, :per) AS k;
COMMIT;
