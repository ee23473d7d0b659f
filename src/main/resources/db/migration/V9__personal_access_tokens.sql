-- Personal access tokens (spec section 9): they live in login_tokens with the login tokens (one hash, one
-- authentication path, one token cache, the same triggers), marked personal, with their name, the last 6 characters
-- of the token and whether they skip the two-factor step. A personal token never expires (Accounts_LoginExpiration
-- and the purge skip it) and the MAX_RESUME_LOGIN_TOKENS cap neither counts nor prunes it.
ALTER TABLE login_tokens
    ADD COLUMN personal          boolean NOT NULL DEFAULT false,
    ADD COLUMN name              text,
    ADD COLUMN last_token_part   text,
    ADD COLUMN bypass_two_factor boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT login_tokens_personal_check CHECK (
        (personal AND name IS NOT NULL AND last_token_part IS NOT NULL)
        OR (NOT personal AND name IS NULL AND last_token_part IS NULL AND NOT bypass_two_factor));
-- A name is unique per user (exact, case-sensitive), and the routes find a token by it.
CREATE UNIQUE INDEX login_tokens_personal_name_key ON login_tokens (user_id, name) WHERE personal;

-- The audit trail records personal-token issuance as its own contract.
ALTER TABLE token_audit DROP CONSTRAINT token_audit_contract_check;
ALTER TABLE token_audit ADD CONSTRAINT token_audit_contract_check
    CHECK (contract IN ('LOGIN', 'DOCUMENTED', 'SECRET', 'PERSONAL'));

-- The permission to make, list, regenerate and remove one's own personal tokens: admin and user by default.
INSERT INTO permissions (id, updated_at) VALUES ('create-personal-access-tokens', now());
INSERT INTO permission_roles (permission_id, position, role_id) VALUES
    ('create-personal-access-tokens', 0, 'admin'),
    ('create-personal-access-tokens', 1, 'user');
