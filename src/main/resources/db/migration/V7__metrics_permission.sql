-- The permission to read the node's meters (GET /api/metrics), held by admin by default.
INSERT INTO permissions (id, updated_at) VALUES ('view-metrics', now());
INSERT INTO permission_roles (permission_id, position, role_id) VALUES ('view-metrics', 0, 'admin');
