package org.tokenmint.platform.entity;

import jakarta.enterprise.context.RequestScoped;
import java.util.List;

/** The authenticated user of this request, set once by the authentication filter. */
@RequestScoped
public class Caller {

    private Profile profile;
    private long tokenId;
    private boolean bypassTwoFactor;

    public void authenticate(Profile profile, long tokenId) {
        authenticate(profile, tokenId, false);
    }

    /** As {@link #authenticate(Profile, long)}, for a token that skips the two-factor step (a personal one). */
    public void authenticate(Profile profile, long tokenId, boolean bypassTwoFactor) {
        this.profile = profile;
        this.tokenId = tokenId;
        this.bypassTwoFactor = bypassTwoFactor;
    }

    public boolean isAuthenticated() {
        return profile != null;
    }

    public String userId() {
        return profile == null ? null : profile.id();
    }

    public List<String> roles() {
        return profile == null ? List.of() : profile.roles();
    }

    /** The authenticated user as read with the token, this request's view of them. */
    public Profile profile() {
        return profile;
    }

    /** Whether the token this request presented was made with {@code bypassTwoFactor: true}. */
    public boolean bypassesTwoFactor() {
        return bypassTwoFactor;
    }

    /** The row id of the login token this request presented. */
    public long tokenId() {
        return tokenId;
    }
}
