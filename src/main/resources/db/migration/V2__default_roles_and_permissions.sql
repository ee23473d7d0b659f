-- Rocket.Chat's built-in roles and the default permissions, created once at the first start; later changes
-- through permissions.update are never overwritten, since Flyway runs each migration once.

INSERT INTO roles (id, name, scope, description, protected, updated_at) VALUES
    ('admin',     'admin',     'Users', 'Admin',     true, now()),
    ('user',      'user',      'Users', 'User',      true, now()),
    ('bot',       'bot',       'Users', 'Bot',       true, now()),
    ('app',       'app',       'Users', 'App',       true, now()),
    ('guest',     'guest',     'Users', 'Guest',     true, now()),
    ('anonymous', 'anonymous', 'Users', 'Anonymous', true, now());

INSERT INTO permissions (id, updated_at) VALUES
    ('create-user', now()),
    ('delete-user', now()),
    ('view-full-other-user-info', now()),
    ('edit-other-user-active-status', now()),
    ('access-permissions', now()),
    ('assign-admin-role', now()),
    ('user-generate-access-token', now()),
    ('api-bypass-rate-limit', now());

INSERT INTO permission_roles (permission_id, position, role_id) VALUES
    ('create-user', 0, 'admin'),
    ('delete-user', 0, 'admin'),
    ('view-full-other-user-info', 0, 'admin'),
    ('edit-other-user-active-status', 0, 'admin'),
    ('access-permissions', 0, 'admin'),
    ('assign-admin-role', 0, 'admin'),
    ('user-generate-access-token', 0, 'admin'),
    ('api-bypass-rate-limit', 0, 'admin'),
    ('api-bypass-rate-limit', 1, 'bot'),
    ('api-bypass-rate-limit', 2, 'app');
