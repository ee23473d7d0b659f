-- Moving in from Rocket.Chat (org.tokenmint.moving): the permission to run an import, and what each import did with
-- every item of the export, one row per item, written in the same transaction as the item itself; a redone chunk
-- of a restarted job keeps the rows already there (the first outcome of an item stays).

INSERT INTO permissions (id, updated_at) VALUES ('import-rocketchat', now());
INSERT INTO permission_roles (permission_id, position, role_id) VALUES ('import-rocketchat', 0, 'admin');

CREATE TABLE import_items (
    -- the import's own id (a job parameter: the same across restarts of one job)
    import_id      text        NOT NULL,
    -- 'user', 'role', 'permission' or 'setting'
    kind           text        NOT NULL,
    -- the item's place in its file, from 1
    position       bigint      NOT NULL,
    -- the document's _id, when it has one
    item_key       text,
    -- imported, imported-without-password, would-import, duplicate, conflict, malformed, skipped, unknown, ...
    outcome        text        NOT NULL,
    detail         text,
    -- users: live login tokens carried over, and tokens left behind as expired
    tokens         integer,
    expired_tokens integer,
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (import_id, kind, position)
);
