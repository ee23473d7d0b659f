package org.tokenmint.access.entity;

import java.util.List;

/** A user as role membership sees them: who, whether active, and their roles in order. */
public record Member(String id, boolean active, List<String> roles) {

    public Member {
        roles = List.copyOf(roles);
    }

    public boolean hasRole(String roleId) {
        return roles.contains(roleId);
    }
}
