-- Failed-login blocking (org.tokenmint.sessions.control.LoginBlocking), Rocket.Chat's Block_Multiple_Failed_Logins_*.
-- One row per failed password login, written by one INSERT; every node reads the same rows, so every node blocks
-- alike. A login is refused while the latest failures of its client address (or of its login name) reach the limit
-- within the window and the newest of them is less than the window old. Logins refused as blocked write nothing.

CREATE TABLE login_failures (
    id             bigserial   PRIMARY KEY,
    failed_at      timestamptz NOT NULL DEFAULT now(),
    -- the username or email tried, lower-cased; NULL once a successful login or an admin cleared it (the row then
    -- still counts for its address), and for a name longer than any user's name can be (254 characters)
    login_name     text,
    -- the client address, in the canonical form of org.tokenmint.platform.control.IpAddresses
    client_address text        NOT NULL
);
-- the two counts read the newest failures of one name or one address, newest first
CREATE INDEX login_failures_name_idx ON login_failures (login_name, failed_at) WHERE login_name IS NOT NULL;
CREATE INDEX login_failures_address_idx ON login_failures (client_address, failed_at);

-- Permission of the admin routes loginBlocks.list and loginBlocks.lift.
INSERT INTO permissions (id, updated_at) VALUES ('manage-login-blocks', now());
INSERT INTO permission_roles (permission_id, position, role_id) VALUES ('manage-login-blocks', 0, 'admin');
