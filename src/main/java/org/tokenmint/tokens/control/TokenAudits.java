package org.tokenmint.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tokenmint.access.control.RequiresPermission;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.tokens.entity.AuditEvent;
import org.tokenmint.tokens.entity.AuditQuery;

/**
 * Reads the token audit trail for callers with view-token-audit: newest first, with the usernames of caller and
 * target (when they still exist) and whether the token still authenticates.
 */
@ApplicationScoped
public class TokenAudits {

    static final String FROM = " FROM token_audit a LEFT JOIN users cu ON cu.id = a.caller_id "
            + "LEFT JOIN users tu ON tu.id = a.target_id LEFT JOIN login_tokens t ON t.id = a.token_id";

    @PersistenceContext
    EntityManager em;

    @Inject
    Tokens tokens;

    /** One page of events matching the query, and how many match in all. */
    public record Page(List<AuditEvent> events, long total) {
    }

    @RequiresPermission(Permission.VIEW_TOKEN_AUDIT)
    public Page find(AuditQuery query, int offset, int count) {
        List<Object> params = new ArrayList<>();
        String where = where(query, params);
        Query select = em.createNativeQuery("SELECT a.id, a.minted_at, a.caller_id, cu.username, a.target_id, "
                + "tu.username, a.contract, a.client_address, "
                + "(t.id IS NOT NULL AND (t.personal OR t.issued_at > ?) AND coalesce(tu.active, false))" + FROM + where
                + " ORDER BY a.minted_at DESC, a.id DESC");
        select.setParameter(1, Timestamp.from(tokens.cutoff()));
        bind(select, params, 2);
        select.setFirstResult(offset);
        if (count > 0) {
            select.setMaxResults(count);
        }
        List<AuditEvent> events = new ArrayList<>();
        for (Object row : select.getResultList()) {
            Object[] r = (Object[]) row;
            events.add(new AuditEvent(((Number) r[0]).longValue(), instant(r[1]), (String) r[2], (String) r[3],
                    (String) r[4], (String) r[5], (String) r[6], (String) r[7], Boolean.TRUE.equals(r[8])));
        }
        Query total = em.createNativeQuery("SELECT count(*)" + FROM + where);
        bind(total, params, 1);
        return new Page(events, ((Number) total.getSingleResult()).longValue());
    }

    static String where(AuditQuery query, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        query.callerId().ifPresent(id -> {
            conditions.add("a.caller_id = ?");
            params.add(id);
        });
        query.targetId().ifPresent(id -> {
            conditions.add("a.target_id = ?");
            params.add(id);
        });
        query.start().ifPresent(start -> {
            conditions.add("a.minted_at >= ?");
            params.add(Timestamp.from(start));
        });
        query.end().ifPresent(end -> {
            conditions.add("a.minted_at < ?");
            params.add(Timestamp.from(end));
        });
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    static void bind(Query query, List<Object> params, int first) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(first + i, params.get(i));
        }
    }

    static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
