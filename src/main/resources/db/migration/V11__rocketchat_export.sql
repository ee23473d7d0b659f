-- The way back to Rocket.Chat (org.tokenmint.moving): the permission to export users, roles, permissions and live
-- tokens in Rocket.Chat's shape. The export holds every password hash and token hash, so only admin by default.
-- It writes files only (under TOKENMINT_EXPORT_DIR): no table of its own.

INSERT INTO permissions (id, updated_at) VALUES ('export-rocketchat', now());
INSERT INTO permission_roles (permission_id, position, role_id) VALUES ('export-rocketchat', 0, 'admin');
