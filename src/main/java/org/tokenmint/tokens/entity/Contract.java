package org.tokenmint.tokens.entity;

/** How a token came to be, as written in the audit trail. */
public enum Contract {
    /** {@code POST login} with a password. */
    LOGIN("login"),
    /** users.createToken, the documented contract (CREATE_TOKENS_FOR_USERS). */
    DOCUMENTED("documented"),
    /** users.createToken, the secret contract (CREATE_TOKENS_FOR_USERS_SECRET). */
    SECRET("secret"),
    /** A personal access token (users.generatePersonalAccessToken, users.regeneratePersonalAccessToken). */
    PERSONAL("personal");

    private final String wireName;

    Contract(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
