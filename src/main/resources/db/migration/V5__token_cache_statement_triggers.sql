-- Token caches, second form (org.tokenmint.tokens.control.TokenCacheNode). The row-level triggers of V4 become
-- statement-level ones with transition tables: one notification per distinct user per statement (a purge of many
-- expired tokens no longer calls pg_notify once per row). The payloads are unchanged: 'u' || the user's id.
-- Nodes now also notify their acknowledgements ('a' ...) on the same channel, from the statement that renews their
-- lease, so that a revocation waits in memory rather than polling cache_nodes.

DROP TRIGGER users_cache_update ON users;
DROP TRIGGER users_cache_delete ON users;
DROP TRIGGER login_tokens_cache ON login_tokens;
DROP TRIGGER user_roles_cache ON user_roles;
DROP FUNCTION cache_evict_user();
DROP FUNCTION cache_evict_owner();

-- users: a deleted user, or a change of a column a cached token carries. The column list is the profile that
-- Tokens.LIVE_TOKEN reads (CachedColumnsTest fails when the two differ); last_login, updated_at and the password
-- hash are not among them, so a login notifies nothing.
CREATE FUNCTION cache_users_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('tokenmint_cache', 'u' || id) FROM (SELECT DISTINCT id FROM old_rows) gone;
    ELSE
        PERFORM pg_notify('tokenmint_cache', 'u' || id) FROM (
            SELECT DISTINCT coalesce(n.id, o.id) AS id FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
            WHERE (o.id, o.username, o.name, o.email, o.email_verified, o.status, o.active, o.utc_offset,
                   o.require_password_change)
                  IS DISTINCT FROM
                  (n.id, n.username, n.name, n.email, n.email_verified, n.status, n.active, n.utc_offset,
                   n.require_password_change)
        ) changed;
    END IF;
    RETURN NULL;
END
$$;

-- login_tokens and user_roles: the owners of the rows removed, changed or (roles) added.
CREATE FUNCTION cache_owners_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM pg_notify('tokenmint_cache', 'u' || user_id) FROM (SELECT DISTINCT user_id FROM new_rows) added;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('tokenmint_cache', 'u' || user_id) FROM (SELECT DISTINCT user_id FROM old_rows) gone;
    ELSE
        PERFORM pg_notify('tokenmint_cache', 'u' || user_id)
        FROM (SELECT user_id FROM old_rows UNION SELECT user_id FROM new_rows) changed;
    END IF;
    RETURN NULL;
END
$$;

-- A trigger with transition tables serves one event: hence one trigger per event.
CREATE TRIGGER users_cache_update AFTER UPDATE ON users
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cache_users_changed();
CREATE TRIGGER users_cache_delete AFTER DELETE ON users
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cache_users_changed();

-- New tokens change nothing cached (only tokens read from the table are cached); removed or altered ones do.
CREATE TRIGGER login_tokens_cache_delete AFTER DELETE ON login_tokens
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cache_owners_changed();
CREATE TRIGGER login_tokens_cache_update AFTER UPDATE ON login_tokens
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cache_owners_changed();

CREATE TRIGGER user_roles_cache_insert AFTER INSERT ON user_roles
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cache_owners_changed();
CREATE TRIGGER user_roles_cache_update AFTER UPDATE ON user_roles
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cache_owners_changed();
CREATE TRIGGER user_roles_cache_delete AFTER DELETE ON user_roles
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cache_owners_changed();
