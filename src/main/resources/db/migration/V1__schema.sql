-- The tokenmint schema. Flyway owns it; the JPA provider never generates or alters tables.

CREATE TABLE users (
    id                      varchar(17) PRIMARY KEY,
    username                text        NOT NULL,
    name                    text        NOT NULL,
    email                   text,
    email_verified          boolean     NOT NULL DEFAULT false,
    password_hash           text,
    active                  boolean     NOT NULL DEFAULT true,
    type                    text        NOT NULL DEFAULT 'user',
    status                  text        NOT NULL DEFAULT 'offline',
    utc_offset              integer     NOT NULL DEFAULT 0,
    require_password_change boolean,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    last_login              timestamptz
);
-- Usernames and emails are unique regardless of case, as Rocket.Chat checks them; lookups use these indexes.
CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TABLE roles (
    id          text        PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    scope       text        NOT NULL DEFAULT 'Users',
    description text        NOT NULL DEFAULT '',
    protected   boolean     NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL
);

-- A user's role ids in order (Rocket.Chat keeps an array).
CREATE TABLE user_roles (
    user_id  varchar(17) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    position integer     NOT NULL,
    role_id  text        NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, position)
);
CREATE INDEX user_roles_role_idx ON user_roles (role_id);

CREATE TABLE permissions (
    id         text        PRIMARY KEY,
    updated_at timestamptz NOT NULL
);

CREATE TABLE permission_roles (
    permission_id text    NOT NULL REFERENCES permissions (id) ON DELETE CASCADE,
    position      integer NOT NULL,
    role_id       text    NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    PRIMARY KEY (permission_id, position)
);
CREATE INDEX permission_roles_role_idx ON permission_roles (role_id);

-- Login tokens: the hash only (base64 of sha-256, text so that a text parameter uses the unique index).
CREATE TABLE login_tokens (
    id           bigserial   PRIMARY KEY,
    hashed_token text        NOT NULL,
    user_id      varchar(17) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issued_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX login_tokens_hashed_token_key ON login_tokens (hashed_token);
-- The cap prunes a user's oldest tokens; the purge removes expired ones.
CREATE INDEX login_tokens_user_issued_idx ON login_tokens (user_id, issued_at);
CREATE INDEX login_tokens_issued_idx ON login_tokens (issued_at);

-- Every minted token: who asked, for whom, when, from where, under which contract. Never the token or its hash.
CREATE TABLE token_audit (
    id             bigserial   PRIMARY KEY,
    caller_id      varchar(17),
    target_id      varchar(17) NOT NULL,
    token_id       bigint      NOT NULL,
    minted_at      timestamptz NOT NULL,
    client_address text,
    contract       text        NOT NULL CHECK (contract IN ('LOGIN', 'DOCUMENTED', 'SECRET'))
);
CREATE INDEX token_audit_minted_at_idx ON token_audit (minted_at);
CREATE INDEX token_audit_caller_idx ON token_audit (caller_id, minted_at);
CREATE INDEX token_audit_target_idx ON token_audit (target_id, minted_at);
