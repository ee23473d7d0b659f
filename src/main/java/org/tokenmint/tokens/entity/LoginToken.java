package org.tokenmint.tokens.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import org.tokenmint.users.entity.User;

/**
 * A login token (Rocket.Chat's {@code services.resume.loginTokens} entry): only the hash of the token is kept,
 * {@code base64(sha256(token))}, with the time it was issued.
 */
@Entity
@Table(name = "login_tokens")
@NamedQuery(name = LoginToken.DELETE_BY_ID, query = "DELETE FROM LoginToken t WHERE t.id = :id")
@NamedQuery(name = LoginToken.DELETE_BY_USER, query = "DELETE FROM LoginToken t WHERE t.user.id = :userId")
@NamedQuery(name = LoginToken.DELETE_ISSUED_BEFORE, query = "DELETE FROM LoginToken t WHERE t.issuedAt <= :cutoff AND t.personal = false")
public class LoginToken {

    public static final String DELETE_BY_ID = "LoginToken.deleteById";
    public static final String DELETE_BY_USER = "LoginToken.deleteByUser";
    public static final String DELETE_ISSUED_BEFORE = "LoginToken.deleteIssuedBefore";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "hashed_token", nullable = false, updatable = false)
    private String hashedToken;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private User user;

    @Column(name = "issued_at", nullable = false, updatable = false)
    private Instant issuedAt;

    /** A personal access token: never expired, never pruned by the cap (written by the mint statements only). */
    @Column(name = "personal", nullable = false, updatable = false)
    private boolean personal;

    /** Rows are written by the mint statement (TokenIssuer); the entity maps them for JPQL deletes. */
    protected LoginToken() {
    }

    public Long getId() {
        return id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LoginToken t && id != null && id.equals(t.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
