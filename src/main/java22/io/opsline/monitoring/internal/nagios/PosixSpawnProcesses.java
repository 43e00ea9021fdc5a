package io.opsline.monitoring.internal.nagios;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts plugins with posix_spawn(3) straight from the JVM and watches all of them from one
 * thread with epoll(7): each process's output pipe and its pidfd. The JDK's ProcessBuilder
 * costs a helper executable (jspawnhelper) run before every plugin, a waiting thread per
 * process and a reading thread per stream; at hundreds of plugins a second on a small machine
 * that overhead, not the plugins, was the limit.
 */
final class PosixSpawnProcesses implements PluginProcesses {

    private static final Logger log = LoggerFactory.getLogger(PosixSpawnProcesses.class);

    /** How long output may stay open after the plugin itself ended, held by a child it left behind. */
    private static final long LEFTOVER_OUTPUT_NANOS = Duration.ofSeconds(1).toNanos();
    /** Longest sleep of the watching thread, so timeouts and cancellations are seen without a wake-up call. */
    private static final int TICK_MILLIS = 50;

    private final Libc libc;
    private final MemorySegment environment;
    private final int epoll;
    /**
     * Every running process by the tokens its two descriptors' events carry: its number times two,
     * plus one for the pidfd. Descriptor numbers are reused at once, tokens never.
     */
    private final Map<Long, Child> byToken = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Set<Child> running = ConcurrentHashMap.newKeySet();

    private PosixSpawnProcesses(Libc libc, Map<String, String> environment) {
        this.libc = libc;
        this.environment = nullTerminated(Arena.global(),
                environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        this.epoll = libc.epollCreate();
        if (epoll < 0) {
            throw new UnsupportedOperationException("epoll_create1 failed");
        }
    }

    /**
     * Starts the watching thread.
     *
     * @throws UnsupportedOperationException where posix_spawn, pidfds or epoll are not available
     */
    static PosixSpawnProcesses start(Map<String, String> environment) {
        var processes = new PosixSpawnProcesses(Libc.load(), environment);
        Thread.ofPlatform().daemon().name("plugin-processes").start(processes::watch);
        return processes;
    }

    @Override
    public Exit run(List<String> command, Duration timeout, int outputLimit) throws IOException, InterruptedException {
        var child = spawn(command, System.nanoTime() + timeout.toNanos(), outputLimit);
        try {
            return child.exit.get();
        } catch (InterruptedException e) {
            child.cancelled = true;
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("watching the plugin failed", e.getCause());
        }
    }

    private Child spawn(List<String> command, long deadline, int outputLimit) throws IOException {
        try (var arena = Arena.ofConfined()) {
            var pipe = libc.pipe(arena);
            if (pipe == null) {
                throw new IOException("no pipe for the plugin's output (too many open files?)");
            }
            int read = pipe[0];
            int write = pipe[1];
            libc.setNonBlocking(read);
            var path = arena.allocateFrom(command.getFirst());
            var argv = nullTerminated(arena, command);
            // The calling (virtual) thread is pinned for the spawn: until the child has exec'd, well under a millisecond.
            int pid = libc.spawn(arena, path, argv, environment, write);
            libc.close(write);
            if (pid < 0) {
                libc.close(read);
                throw new IOException(libc.describe(-pid));
            }
            int pidfd = libc.pidfdOpen(pid);
            if (pidfd < 0) {
                // Cannot happen for an unreaped child of ours; kill it rather than lose track of it.
                libc.killGroup(pid);
                libc.close(read);
                throw new IOException("no pidfd for process " + pid);
            }
            var child = new Child(sequence.incrementAndGet() * 2, pid, pidfd, read, deadline, outputLimit);
            running.add(child);
            byToken.put(child.token, child);
            byToken.put(child.token + 1, child);
            if (!libc.epollAdd(arena, epoll, read, child.token) || !libc.epollAdd(arena, epoll, pidfd, child.token + 1)) {
                throw new IllegalStateException("epoll_ctl refused the descriptors of process " + pid);
            }
            return child;
        }
    }

    private static MemorySegment nullTerminated(Arena arena, List<String> strings) {
        var array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(strings.get(i)));
        }
        array.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    /** The watching thread: reads output as it comes, reaps processes as they end, enforces timeouts. */
    private void watch() {
        try (var arena = Arena.ofConfined()) {
            var events = arena.allocate(libc.epollEventSize * 64, 8);
            var buffer = arena.allocate(16 * 1024);
            var callState = Libc.callState(arena);
            var siginfo = arena.allocate(Libc.SIGINFO_SIZE, 8);
            while (true) {
                int ready = libc.epollWait(epoll, events, TICK_MILLIS);
                for (int i = 0; i < ready; i++) {
                    long token = libc.epollEventToken(events, i);
                    var child = byToken.get(token);
                    if (child == null) {
                        continue;
                    }
                    if (token == child.token) {
                        child.drain(buffer, callState);
                    } else {
                        child.reap(siginfo);
                    }
                }
                long now = System.nanoTime();
                running.forEach(child -> child.enforce(now));
            }
        } catch (RuntimeException | Error e) {
            log.error("The thread watching plugin processes stopped; plugins can no longer run", e);
            running.forEach(child -> child.exit.completeExceptionally(e));
            throw e;
        }
    }

    /** One running plugin; its state is changed by the watching thread only, except {@link #cancelled}. */
    private final class Child {

        final long token;
        final int pid;
        final int pidfd;
        final int output;
        final long deadline;
        final int outputLimit;
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        final CompletableFuture<Exit> exit = new CompletableFuture<>();
        volatile boolean cancelled;
        boolean truncated;
        boolean outputClosed;
        boolean killed;
        boolean timedOut;
        int code = -1;
        long endedAt;

        Child(long token, int pid, int pidfd, int output, long deadline, int outputLimit) {
            this.token = token;
            this.pid = pid;
            this.pidfd = pidfd;
            this.output = output;
            this.deadline = deadline;
            this.outputLimit = outputLimit;
        }

        boolean ended() {
            return endedAt != 0;
        }

        void drain(MemorySegment buffer, MemorySegment callState) {
            while (!outputClosed) {
                long n = libc.read(callState, output, buffer);
                if (n > 0) {
                    var room = outputLimit - kept.size();
                    if (n > room) {
                        truncated = true;
                    }
                    if (room > 0) {
                        kept.write(buffer.asSlice(0, Math.min(n, room)).toArray(JAVA_BYTE), 0, (int) Math.min(n, room));
                    }
                } else if (n < 0 && Libc.errno(callState) == Libc.EINTR) {
                    continue;
                } else {
                    if (n == 0 || Libc.errno(callState) != Libc.EAGAIN) {
                        closeOutput();
                    }
                    return;
                }
            }
        }

        void reap(MemorySegment siginfo) {
            if (ended()) {
                return;
            }
            code = libc.reap(siginfo, pidfd);
            if (code < 0) {
                return;
            }
            endedAt = Math.max(1, System.nanoTime());
            byToken.remove(token + 1);
            libc.epollRemove(epoll, pidfd);
            libc.close(pidfd);
            finishIfDone();
        }

        /** Timeouts, cancellations and output held open by a child left behind. */
        void enforce(long now) {
            if (!ended() && !killed && (cancelled || now - deadline > 0)) {
                timedOut = !cancelled;
                killTree();
            }
            if (ended() && !outputClosed && now - endedAt > LEFTOVER_OUTPUT_NANOS) {
                // The plugin is gone, so its group only holds what it left behind.
                libc.killGroup(pid);
                closeOutput();
            }
        }

        private void killTree() {
            killed = true;
            // Collected before the kill: once the plugin dies its children belong to init. Those that
            // left the plugin's process group (setsid) are only reached this way.
            var descendants = ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
            libc.killGroup(pid);
            descendants.forEach(ProcessHandle::destroyForcibly);
        }

        private void closeOutput() {
            outputClosed = true;
            byToken.remove(token);
            libc.epollRemove(epoll, output);
            libc.close(output);
            finishIfDone();
        }

        private void finishIfDone() {
            if (ended() && outputClosed) {
                running.remove(this);
                exit.complete(new Exit(code, timedOut, kept.toByteArray(), truncated));
            }
        }
    }
}
