package org.tokenmint.moving.control;

import org.tokenmint.moving.entity.ImportedUser;

/** A user to write, with its record's position in {@code users.json}. */
record UserItem(long position, ImportedUser user) {
}
