-- Node-local token caches (org.tokenmint.tokens.control.TokenCache). Every change to a row a cached token
-- depends on notifies channel tokenmint_cache with 'u' || the user's id, delivered at commit to every node,
-- which then drops that user's cached tokens. A node that revokes waits until every live node has acknowledged
-- a barrier ('b' || a number of cache_barrier_seq) sent after its commit, so no node accepts a token after its
-- revocation was answered. A node whose lease has run out serves nothing from its cache and is not waited for.

CREATE TABLE cache_nodes (
    node_id     text        PRIMARY KEY,
    lease_until timestamptz NOT NULL,
    -- the highest barrier this node has read, with every notification committed before it
    acked       bigint      NOT NULL DEFAULT 0
);

CREATE SEQUENCE cache_barrier_seq;

-- users: the row itself (tokens and roles of a deleted user go by cascade, and notify in their turn)
CREATE FUNCTION cache_evict_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tokenmint_cache', 'u' || OLD.id);
    RETURN NULL;
END
$$;

-- login_tokens and user_roles: the owner of the row
CREATE FUNCTION cache_evict_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM pg_notify('tokenmint_cache', 'u' || NEW.user_id);
    ELSE
        PERFORM pg_notify('tokenmint_cache', 'u' || OLD.user_id);
        IF TG_OP = 'UPDATE' AND NEW.user_id <> OLD.user_id THEN
            PERFORM pg_notify('tokenmint_cache', 'u' || NEW.user_id);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

-- Only the columns a cached token carries (last_login, updated_at and the password hash are not among them).
CREATE TRIGGER users_cache_update AFTER UPDATE ON users FOR EACH ROW
    WHEN ((OLD.id, OLD.username, OLD.name, OLD.email, OLD.email_verified, OLD.status, OLD.active, OLD.utc_offset,
           OLD.require_password_change)
          IS DISTINCT FROM
          (NEW.id, NEW.username, NEW.name, NEW.email, NEW.email_verified, NEW.status, NEW.active, NEW.utc_offset,
           NEW.require_password_change))
    EXECUTE FUNCTION cache_evict_user();
CREATE TRIGGER users_cache_delete AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION cache_evict_user();

-- New tokens change nothing cached (only tokens read from the table are cached); removed or altered ones do.
CREATE TRIGGER login_tokens_cache AFTER UPDATE OR DELETE ON login_tokens FOR EACH ROW
    EXECUTE FUNCTION cache_evict_owner();

CREATE TRIGGER user_roles_cache AFTER INSERT OR UPDATE OR DELETE ON user_roles FOR EACH ROW
    EXECUTE FUNCTION cache_evict_owner();
