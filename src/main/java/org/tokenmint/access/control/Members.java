package org.tokenmint.access.control;

import java.util.List;
import java.util.Optional;
import org.tokenmint.access.entity.Member;

/**
 * What access must ask of the feature that owns users, which depends on access and not the other way round: it
 * implements this as a bean.
 */
public interface Members {

    /** The user with this username, compared case-insensitively. */
    Optional<Member> findByUsername(String username);

    /** Stores the user's new roles, in the caller's transaction. */
    void setRoles(String userId, List<String> roles);

    /** How many active users other than {@code userId} hold the role. */
    long countActiveWithRoleExcept(String roleId, String userId);
}
