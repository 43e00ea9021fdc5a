package io.opsline.monitoring.internal.nagios;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * The few C library calls that start and watch processes without the JDK's helper process:
 * posix_spawn(3), pipes, pidfds and epoll on 64-bit Linux with glibc 2.36 or later. Constants and
 * struct layouts are Linux's, the same on x86-64 and AArch64 except where noted.
 */
final class Libc {

    static final int O_RDONLY = 0;
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int SIGKILL = 9;
    static final short POSIX_SPAWN_SETPGROUP = 0x02;
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final int EPOLLIN = 0x001;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int WNOHANG = 1;
    static final int P_PIDFD = 3;
    static final int WEXITED = 4;
    static final int CLD_EXITED = 1;

    /** glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336; room to spare. */
    static final long SPAWN_STRUCT_SIZE = 1024;
    static final long SIGSET_SIZE = 128;
    static final long SIGINFO_SIZE = 128;
    static final long SIGINFO_CODE = 8;
    static final long SIGINFO_PID = 16;
    static final long SIGINFO_STATUS = 24;

    /** struct epoll_event is packed on x86-64 (12 bytes), naturally aligned elsewhere (16). */
    final long epollEventSize;
    final long epollDataOffset;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET =
            CALL_STATE.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

    private final MethodHandle pipe2;
    private final MethodHandle fcntl;
    private final MethodHandle close;
    private final MethodHandle read;
    private final MethodHandle kill;
    private final MethodHandle strerror;
    private final MethodHandle fileActionsInit;
    private final MethodHandle fileActionsDestroy;
    private final MethodHandle fileActionsAddOpen;
    private final MethodHandle fileActionsAddDup2;
    private final MethodHandle fileActionsAddCloseFrom;
    private final MethodHandle attrInit;
    private final MethodHandle attrDestroy;
    private final MethodHandle attrSetFlags;
    private final MethodHandle attrSetPgroup;
    private final MethodHandle attrSetSigMask;
    private final MethodHandle attrSetSigDefault;
    private final MethodHandle sigEmptySet;
    private final MethodHandle sigFillSet;
    private final MethodHandle posixSpawn;
    private final MethodHandle pidfdOpen;
    private final MethodHandle waitid;
    private final MethodHandle epollCreate1;
    private final MethodHandle epollCtl;
    private final MethodHandle epollWait;

    private Libc() {
        var arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!System.getProperty("os.name", "").equals("Linux") || !(arch.equals("amd64") || arch.equals("aarch64"))) {
            throw new UnsupportedOperationException("posix_spawn is used on 64-bit Linux only, this is "
                    + System.getProperty("os.name") + " on " + arch);
        }
        boolean packed = arch.equals("amd64");
        epollEventSize = packed ? 12 : 16;
        epollDataOffset = packed ? 4 : 8;
        var errno = Linker.Option.captureCallState("errno");
        pipe2 = function("pipe2", JAVA_INT, ADDRESS, JAVA_INT);
        fcntl = LINKER.downcallHandle(symbol("fcntl"), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        close = function("close", JAVA_INT, JAVA_INT);
        read = LINKER.downcallHandle(symbol("read"), FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG),
                errno);
        kill = function("kill", JAVA_INT, JAVA_INT, JAVA_INT);
        strerror = function("strerror", ADDRESS, JAVA_INT);
        fileActionsInit = function("posix_spawn_file_actions_init", JAVA_INT, ADDRESS);
        fileActionsDestroy = function("posix_spawn_file_actions_destroy", JAVA_INT, ADDRESS);
        fileActionsAddOpen = function("posix_spawn_file_actions_addopen", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS,
                JAVA_INT, JAVA_INT);
        fileActionsAddDup2 = function("posix_spawn_file_actions_adddup2", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
        fileActionsAddCloseFrom = function("posix_spawn_file_actions_addclosefrom_np", JAVA_INT, ADDRESS, JAVA_INT);
        attrInit = function("posix_spawnattr_init", JAVA_INT, ADDRESS);
        attrDestroy = function("posix_spawnattr_destroy", JAVA_INT, ADDRESS);
        attrSetFlags = function("posix_spawnattr_setflags", JAVA_INT, ADDRESS, JAVA_SHORT);
        attrSetPgroup = function("posix_spawnattr_setpgroup", JAVA_INT, ADDRESS, JAVA_INT);
        attrSetSigMask = function("posix_spawnattr_setsigmask", JAVA_INT, ADDRESS, ADDRESS);
        attrSetSigDefault = function("posix_spawnattr_setsigdefault", JAVA_INT, ADDRESS, ADDRESS);
        sigEmptySet = function("sigemptyset", JAVA_INT, ADDRESS);
        sigFillSet = function("sigfillset", JAVA_INT, ADDRESS);
        posixSpawn = function("posix_spawn", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        pidfdOpen = function("pidfd_open", JAVA_INT, JAVA_INT, JAVA_INT);
        waitid = function("waitid", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
        epollCreate1 = function("epoll_create1", JAVA_INT, JAVA_INT);
        epollCtl = function("epoll_ctl", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
        epollWait = function("epoll_wait", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    }

    /**
     * The C library's calls, or why they cannot be used here (another system, an older glibc,
     * a kernel without pidfds, native access denied).
     */
    static Libc load() {
        Libc libc;
        try {
            libc = new Libc();
        } catch (IllegalArgumentException | IllegalCallerException | java.util.NoSuchElementException e) {
            throw new UnsupportedOperationException("the C library lacks what posix_spawn needs: " + e.getMessage(), e);
        }
        int pidfd = libc.pidfdOpen((int) ProcessHandle.current().pid());
        if (pidfd < 0) {
            throw new UnsupportedOperationException("the kernel has no pidfd_open (Linux 5.3 or later needed)");
        }
        libc.close(pidfd);
        return libc;
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsupportedOperationException("no " + name + " in the C library"));
    }

    private static MethodHandle function(String name, java.lang.foreign.MemoryLayout result,
            java.lang.foreign.MemoryLayout... arguments) {
        return LINKER.downcallHandle(symbol(name), FunctionDescriptor.of(result, arguments));
    }

    /** A native call cannot throw a checked exception; anything else is a bug worth surfacing. */
    private static IllegalStateException failed(Throwable e) {
        return new IllegalStateException("native call failed", e);
    }

    /** A pipe whose both ends close on exec: {read, write}. */
    int[] pipe(Arena arena) {
        var fds = arena.allocate(JAVA_INT, 2);
        try {
            if ((int) pipe2.invokeExact(fds, O_CLOEXEC) != 0) {
                return null;
            }
        } catch (Throwable e) {
            throw failed(e);
        }
        return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
    }

    void setNonBlocking(int fd) {
        try {
            int flags = (int) fcntl.invokeExact(fd, F_GETFL, 0);
            int ignored = (int) fcntl.invokeExact(fd, F_SETFL, flags | O_NONBLOCK);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    void close(int fd) {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    /** read(2); on -1 the errno is left in {@code callState}. */
    long read(MemorySegment callState, int fd, MemorySegment buffer) {
        try {
            return (long) read.invokeExact(callState, fd, buffer, buffer.byteSize());
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int errno(MemorySegment callState) {
        return callState.get(JAVA_INT, ERRNO_OFFSET);
    }

    void killGroup(int processGroup) {
        try {
            int ignored = (int) kill.invokeExact(-processGroup, SIGKILL);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    String describe(int errorNumber) {
        try {
            var text = (MemorySegment) strerror.invokeExact(errorNumber);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    /**
     * Starts {@code argv[0]} in a process group of its own, with default signal handling and no
     * blocked signals, standard input from /dev/null, standard output and error into
     * {@code outputFd}, and no other descriptor of this JVM.
     *
     * @return the process id, or minus the error number when it could not be started
     */
    int spawn(Arena arena, MemorySegment path, MemorySegment argv, MemorySegment envp, int outputFd) {
        var actions = arena.allocate(SPAWN_STRUCT_SIZE, 16);
        var attributes = arena.allocate(SPAWN_STRUCT_SIZE, 16);
        var noSignals = arena.allocate(SIGSET_SIZE, 8);
        var allSignals = arena.allocate(SIGSET_SIZE, 8);
        var pid = arena.allocate(JAVA_INT);
        try {
            int r = (int) fileActionsInit.invokeExact(actions);
            r |= (int) fileActionsAddOpen.invokeExact(actions, 0, arena.allocateFrom("/dev/null"), O_RDONLY, 0);
            r |= (int) fileActionsAddDup2.invokeExact(actions, outputFd, 1);
            r |= (int) fileActionsAddDup2.invokeExact(actions, outputFd, 2);
            r |= (int) fileActionsAddCloseFrom.invokeExact(actions, 3);
            r |= (int) attrInit.invokeExact(attributes);
            r |= (int) attrSetFlags.invokeExact(attributes,
                    (short) (POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK));
            r |= (int) attrSetPgroup.invokeExact(attributes, 0);
            r |= (int) sigEmptySet.invokeExact(noSignals);
            r |= (int) sigFillSet.invokeExact(allSignals);
            r |= (int) attrSetSigMask.invokeExact(attributes, noSignals);
            r |= (int) attrSetSigDefault.invokeExact(attributes, allSignals);
            if (r != 0) {
                throw new IllegalStateException("posix_spawn attributes could not be set");
            }
            int error = (int) posixSpawn.invokeExact(pid, path, actions, attributes, argv, envp);
            r = (int) fileActionsDestroy.invokeExact(actions);
            r = (int) attrDestroy.invokeExact(attributes);
            return error == 0 ? pid.get(JAVA_INT, 0) : -error;
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    int pidfdOpen(int pid) {
        try {
            return (int) pidfdOpen.invokeExact(pid, 0);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    /**
     * Reaps a process if it has ended: its exit code, or 128 + the signal that ended it; -1 while
     * it still runs.
     */
    int reap(MemorySegment siginfo, int pidfd) {
        siginfo.fill((byte) 0);
        try {
            if ((int) waitid.invokeExact(P_PIDFD, pidfd, siginfo, WEXITED | WNOHANG) != 0) {
                return -1;
            }
        } catch (Throwable e) {
            throw failed(e);
        }
        if (siginfo.get(JAVA_INT, SIGINFO_PID) == 0) {
            return -1;
        }
        int status = siginfo.get(JAVA_INT, SIGINFO_STATUS);
        return siginfo.get(JAVA_INT, SIGINFO_CODE) == CLD_EXITED ? status : 128 + status;
    }

    int epollCreate() {
        try {
            return (int) epollCreate1.invokeExact(O_CLOEXEC);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    /** Watches {@code fd} for input; its events carry {@code token}. */
    boolean epollAdd(Arena arena, int epoll, int fd, long token) {
        var event = arena.allocate(epollEventSize, 4);
        event.set(JAVA_INT, 0, EPOLLIN);
        event.set(JAVA_LONG_UNALIGNED, epollDataOffset, token);
        try {
            return (int) epollCtl.invokeExact(epoll, EPOLL_CTL_ADD, fd, event) == 0;
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    /**
     * Stops watching {@code fd}. Needed before closing it: a process being spawned at that moment
     * holds a copy of every descriptor until its exec, which keeps a closed one in the epoll set.
     */
    void epollRemove(int epoll, int fd) {
        try {
            int ignored = (int) epollCtl.invokeExact(epoll, EPOLL_CTL_DEL, fd, MemorySegment.NULL);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    int epollWait(int epoll, MemorySegment events, int timeoutMillis) {
        try {
            return (int) epollWait.invokeExact(epoll, events, (int) (events.byteSize() / epollEventSize),
                    timeoutMillis);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    long epollEventToken(MemorySegment events, int index) {
        return events.get(JAVA_LONG_UNALIGNED, index * epollEventSize + epollDataOffset);
    }
}
