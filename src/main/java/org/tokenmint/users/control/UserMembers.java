package org.tokenmint.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.tokenmint.access.control.Members;
import org.tokenmint.access.entity.Member;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.users.entity.User;

/** Users as access sees them: this feature's answer to {@link Members}. */
@ApplicationScoped
public class UserMembers implements Members {

    @PersistenceContext
    EntityManager em;

    @Inject
    Users users;

    @Override
    public Optional<Member> findByUsername(String username) {
        return users.findByUsername(username).map(User::member);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void setRoles(String userId, List<String> roles) {
        users.findById(userId).orElseThrow(ApiError::invalidUser).setRoles(roles, WireDates.now());
    }

    @Override
    public long countActiveWithRoleExcept(String roleId, String userId) {
        return em.createNamedQuery(User.COUNT_OTHER_ACTIVE_WITH_ROLE, Long.class)
                .setParameter("role", roleId).setParameter("userId", userId).getSingleResult();
    }
}
