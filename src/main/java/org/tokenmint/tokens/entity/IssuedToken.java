package org.tokenmint.tokens.entity;

/** A token just issued: the plain token, returned to the client once and never stored. */
public record IssuedToken(String userId, String authToken, long tokenId) {

    /** Never prints the token. */
    @Override
    public String toString() {
        return "IssuedToken[userId=" + userId + ", tokenId=" + tokenId + "]";
    }
}
