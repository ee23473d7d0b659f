package org.tokenmint.tokens.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** One minted token: who asked, for whom, when, from where, under which contract. Never the token or its hash. */
@Entity
@Table(name = "token_audit")
public class TokenAudit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "caller_id", updatable = false)
    private String callerId;

    @Column(name = "target_id", nullable = false, updatable = false)
    private String targetId;

    @Column(name = "token_id", nullable = false, updatable = false)
    private long tokenId;

    @Column(name = "minted_at", nullable = false, updatable = false)
    private Instant mintedAt;

    @Column(name = "client_address", updatable = false)
    private String clientAddress;

    @Enumerated(EnumType.STRING)
    @Column(name = "contract", nullable = false, updatable = false)
    private Contract contract;

    protected TokenAudit() {
    }

    public TokenAudit(String callerId, String targetId, long tokenId, Instant mintedAt, String clientAddress,
            Contract contract) {
        this.callerId = callerId;
        this.targetId = Objects.requireNonNull(targetId);
        this.tokenId = tokenId;
        this.mintedAt = Objects.requireNonNull(mintedAt);
        this.clientAddress = clientAddress;
        this.contract = Objects.requireNonNull(contract);
    }

    public Long getId() {
        return id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenAudit a && id != null && id.equals(a.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
