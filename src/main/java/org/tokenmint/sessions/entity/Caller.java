package org.tokenmint.sessions.entity;

import jakarta.enterprise.context.RequestScoped;
import java.util.List;

/** The authenticated user of this request, set once by the authentication filter. */
@RequestScoped
public class Caller {

    private String userId;
    private String username;
    private List<String> roles = List.of();
    private long tokenId;

    public void authenticate(String userId, String username, List<String> roles, long tokenId) {
        this.userId = userId;
        this.username = username;
        this.roles = List.copyOf(roles);
        this.tokenId = tokenId;
    }

    public boolean isAuthenticated() {
        return userId != null;
    }

    public String userId() {
        return userId;
    }

    public String username() {
        return username;
    }

    public List<String> roles() {
        return roles;
    }

    /** The row id of the login token this request presented. */
    public long tokenId() {
        return tokenId;
    }
}
