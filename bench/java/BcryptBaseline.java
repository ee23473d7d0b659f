import java.lang.reflect.Method;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;

/**
 * The login baseline of bench/run: bcrypt checks of a password at Rocket.Chat's storage (bcrypt of the lowercase hex
 * sha-256, cost 10), by as many threads as the server lets login hash at once (one per processor), with no HTTP and
 * no database. Prints {@code BCRYPT <implementation> <threads> <checks per second> <CPU milliseconds per check>}: the
 * second figure (thread CPU time) is the one to compare on a machine that other processes load.
 *
 * <pre>
 * java -cp bcrypt.jar:bytes.jar bench/java/BcryptBaseline.java [SECONDS] [THREADS] [IMPLEMENTATION...]
 * </pre>
 *
 * IMPLEMENTATION is {@code favre} (at.favre.lib:bcrypt, the one the WAR uses; the default), {@code spring}
 * (spring-security-crypto's BCrypt) or {@code password4j}; each needs its jar on the class path. Several are measured
 * one after the other, in the order given, on the same hash, so that the comparison is made on one machine state.
 * The implementations are called through reflection so that this file compiles with any subset of them present.
 */
public final class BcryptBaseline {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        String[] names = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length) : new String[] {"favre"};
        String digest = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest("bench-password".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String hash = favreHash(digest);
        for (String name : names) {
            BiPredicate<String, String> check = implementation(name);
            if (!check.test(digest, hash) || check.test("0" + digest.substring(1), hash)) {
                throw new IllegalStateException(name + " does not verify the $2b$ hash correctly");
            }
            measure(name, check, digest, hash, Math.max(2, seconds / 3), threads); // warm-up
            double[] rateAndCpu = measure(name, check, digest, hash, seconds, threads);
            System.out.printf("BCRYPT %s %d %.2f %.2f%n", name, threads, rateAndCpu[0], rateAndCpu[1]);
        }
    }

    /** Checks per second (wall clock) and CPU milliseconds per check (the threads' own CPU time). */
    private static double[] measure(String name, BiPredicate<String, String> check, String digest, String hash,
            int seconds, int threads) throws InterruptedException {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        LongAdder cpuNanos = new LongAdder();
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(threads);
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            new Thread(() -> {
                long cpuStart = cpu.getCurrentThreadCpuTime();
                while (!stop.get()) {
                    if (check.test(digest, hash)) {
                        done.increment();
                    }
                }
                cpuNanos.add(cpu.getCurrentThreadCpuTime() - cpuStart);
                finished.countDown();
            }, name + "-" + i).start();
        }
        Thread.sleep(seconds * 1000L); // a measuring window, not a test's wait
        stop.set(true);
        finished.await();
        double checks = Math.max(1, done.sum());
        return new double[] {done.sum() / ((System.nanoTime() - start) / 1e9), cpuNanos.sum() / 1e6 / checks};
    }

    private static String favreHash(String digest) throws ReflectiveOperationException {
        Class<?> bcrypt = Class.forName("at.favre.lib.crypto.bcrypt.BCrypt");
        Class<?> version = Class.forName("at.favre.lib.crypto.bcrypt.BCrypt$Version");
        Object v2b = version.getField("VERSION_2B").get(null);
        Object hasher = bcrypt.getMethod("with", version).invoke(null, v2b);
        return (String) hasher.getClass().getMethod("hashToString", int.class, char[].class)
                .invoke(hasher, 10, (Object) digest.toCharArray());
    }

    private static BiPredicate<String, String> implementation(String name) throws ReflectiveOperationException {
        switch (name) {
            case "favre" -> {
                Object verifyer = Class.forName("at.favre.lib.crypto.bcrypt.BCrypt").getMethod("verifyer").invoke(null);
                Method verify = verifyer.getClass().getMethod("verify", char[].class, char[].class);
                return (digest, hash) -> {
                    Object result = invoke(verify, verifyer, digest.toCharArray(), hash.toCharArray());
                    try {
                        return result.getClass().getField("verified").getBoolean(result);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                };
            }
            case "spring" -> {
                Method checkpw = Class.forName("org.springframework.security.crypto.bcrypt.BCrypt")
                        .getMethod("checkpw", String.class, String.class);
                return (digest, hash) -> (Boolean) invoke(checkpw, null, digest, hash);
            }
            case "password4j" -> {
                Method check = Class.forName("com.password4j.Password").getMethod("check", CharSequence.class, String.class);
                Method withBcrypt = Class.forName("com.password4j.HashChecker").getMethod("withBcrypt");
                return (digest, hash) -> (Boolean) invoke(withBcrypt, invoke(check, null, digest, hash));
            }
            default -> throw new IllegalArgumentException("unknown implementation " + name + " (favre, spring, password4j)");
        }
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
