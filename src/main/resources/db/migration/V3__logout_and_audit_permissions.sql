-- Permissions of the admin routes: users.logout for another user, and the token audit trail.
INSERT INTO permissions (id, updated_at) VALUES
    ('logout-other-user', now()),
    ('view-token-audit', now());

INSERT INTO permission_roles (permission_id, position, role_id) VALUES
    ('logout-other-user', 0, 'admin'),
    ('view-token-audit', 0, 'admin');
