package io.chorus.paxos;

import io.chorus.api.spi.ConsensusProtocol;
import io.chorus.api.spi.DurableMetadata;
import io.chorus.api.spi.Leadership;
import io.chorus.api.spi.LeaderReadMode;
import io.chorus.api.spi.LeaderReads;
import io.chorus.api.spi.LogEntry;
import io.chorus.api.spi.LogHistory;
import io.chorus.api.spi.PeerMessage;
import io.chorus.api.spi.ProposeOutcome;
import io.chorus.api.spi.RandomSource;
import io.chorus.api.spi.Ready;
import io.chorus.api.spi.ReadyBuffer;
import io.chorus.api.spi.Role;
import io.chorus.api.spi.StateSnapshot;
import io.chorus.api.spi.StateSnapshots;
import io.chorus.api.spi.SyncBarriers;
import io.chorus.paxos.PaxosMessage.Accept;
import io.chorus.paxos.PaxosMessage.Accepted;
import io.chorus.paxos.PaxosMessage.CatchUp;
import io.chorus.paxos.PaxosMessage.Commit;
import io.chorus.paxos.PaxosMessage.Forward;
import io.chorus.paxos.PaxosMessage.Heartbeat;
import io.chorus.paxos.PaxosMessage.NeedCatchUp;
import io.chorus.paxos.PaxosMessage.Prepare;
import io.chorus.paxos.PaxosMessage.Promise;
import io.chorus.paxos.PaxosMessage.ReadIndexReply;
import io.chorus.paxos.PaxosMessage.ReadIndexRequest;
import io.chorus.paxos.PaxosMessage.Reject;
import io.chorus.paxos.PaxosMessage.ToFollower;
import io.chorus.paxos.PaxosMessage.ToLeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Multi-Paxos behind the consensus SPI, as a deterministic state machine: no threads, sockets, files or clocks.
 *
 * <p><b>Ballots and phase 1.</b> A server that hears no leader for an election timeout (plus a random part)
 * picks a ballot above every one it has seen and sends Prepare once for every slot after the ones it knows are
 * chosen. An acceptor promises (durably, before it answers) and reports its accepted values from there on. With
 * a majority of promises the candidate takes, slot by slot, the value reported with the highest ballot (a
 * value an acceptor knows is chosen counts above every ballot), fills the slots its own log lacks with them up to
 * the highest slot reported, and leads: phase 2 re-proposes those slots and then new ones, in batches.
 *
 * <p><b>Acceptors keep a log.</b> An acceptor accepts slots in order, so its durable log never has a hole and a
 * promise reports a run of slots; the leader's catch-up makes a follower's log its own (cutting a tail that
 * differs: such a tail was never chosen, since every slot after the first difference was accepted in a lower
 * ballot by a minority). Instead of a ballot per slot an acceptor stores one step, durably: the ballot of the
 * leader it last caught up with and the slot it caught up from; slots below that are known chosen, slots from it
 * on were accepted in that ballot. The step is written after the catch-up's entries are durable, so a crash in
 * between reports them with the older ballot (never a higher one than they were accepted in, which keeps phase 1
 * safe).
 *
 * <p><b>Choosing and learning.</b> A slot is chosen once a majority (the leader included) has it durably in the
 * leader's ballot; the leader tells followers how far that goes on its next Accept or heartbeat, and every server
 * delivers chosen slots in slot order. Slots map to zxids through {@link SlotZxids}.
 *
 * <p><b>Catch-up.</b> A follower the leader's log no longer covers (or that is more than {@code maxCatchUpEntries}
 * behind) is sent a snapshot of the leader's applied state, taken only when everything applied is chosen, and
 * in the background where the driver can (the leader goes on meanwhile; one capture serves every follower
 * waiting for it).
 */
public final class PaxosLiteProtocol implements ConsensusProtocol {
    static final String PROMISED = "paxos.promised";
    static final String ACCEPTED_BALLOT = "paxos.acceptedBallot";
    static final String ACCEPTED_FROM = "paxos.acceptedFrom";
    /** Election timeouts a new leader has to bring a majority into step before it must hear from one. */
    static final int CATCH_UP_GRACE_TIMEOUTS = 10;
    /** The longest a follower whose leader's connection closed waits before its ballot. */
    static final int DISCONNECT_BALLOT_SPREAD_MILLIS_MAX = 200;

    private final int myId;
    private final int myIndex;
    private final List<Integer> members;
    private final int majority;
    private final DurableMetadata metadata;
    private final LogHistory history;
    private final StateSnapshots snapshots;
    private final RandomSource random;
    private final PaxosSettings settings;
    private final Set<PlantedFault> faults = EnumSet.noneOf(PlantedFault.class);
    private final ReadyBuffer out = new ReadyBuffer();
    private final SyncBarriers barriers = new SyncBarriers();
    private final LeaderReads leaderReads;
    /**
     * LEASE reads: before this time this server promises no other ballot and tries none of its own, having
     * granted the leader a lease until then (or having restarted, forgetting its grants).
     */
    private long leaseGrantedUntil;

    private boolean started;
    private SlotLog log;
    // acceptor state (durable in metadata)
    private long promised;
    private long acceptedBallot;
    private long acceptedFrom;
    // learner state
    private long committed;
    private long delivered;
    // role
    private Role role = Role.LOOKING;
    /** The ballot of the leader this server follows or is, 0 when it knows none. */
    private long ballot;
    private int leaderId = -1;
    private long maxRoundSeen;
    private long electionDeadline;
    /** How long this follower waits for its leader's next message before it tries a ballot. */
    private long followerWait;
    /** Following: the log is the leader's through its end, acknowledged durably in {@link #ballot}. */
    private boolean caughtUp;
    /** A catch-up whose step is written once its entries are durable; null when none is waiting. */
    private Step pendingStep;
    /** A truncation handed out but not yet carried out by the driver: durability reports wait for it. */
    private boolean truncationInFlight;
    // candidate
    private long candidateBallot;
    private Map<Integer, Promise> promises;
    /** The servers that refused this candidacy because the candidate lacks chosen slots they cannot send it. */
    private final Set<Integer> refusedAsBehind = new HashSet<>();
    // leader
    private Map<Integer, FollowerProgress> followers;
    /** The first slot not yet sent to followers in an Accept. */
    private long batchStart;
    private boolean commitNewsDue;
    /** A background capture of the applied state is on its way ({@link #snapshotCaptured}). */
    private boolean capturing;
    private long leaderSinceMillis;
    /** The last slot this leader recovered in phase 1: it leads in earnest once that is chosen. */
    private long recoveredThrough;
    /** What the driver was last told this server is. */
    private Leadership announced;

    /** A catch-up's step: slots from {@code from} through at least {@code through} were accepted in {@code ballot}. */
    private record Step(long ballot, long from, long through) {
    }

    /**
     * @param serverId  this server's id, a member of {@code ensemble}
     * @param ensemble  every voting member's id, this one's included
     * @param metadata  where the promise and the accepted step live (durable when {@code put} returns)
     * @param history   this server's own durable log, read to catch followers up
     * @param snapshots the driver's applied state, captured when a follower needs a snapshot
     * @param random    the injected randomness (election backoff)
     * @param settings  timing in ticks and limits
     */
    public PaxosLiteProtocol(int serverId, Collection<Integer> ensemble, DurableMetadata metadata,
            LogHistory history, StateSnapshots snapshots, RandomSource random, PaxosSettings settings) {
        List<Integer> sorted = ensemble.stream().distinct().sorted().toList();
        if (!sorted.contains(serverId)) {
            throw new IllegalArgumentException("server " + serverId + " is not in the ensemble " + ensemble);
        }
        if (sorted.size() > Ballots.MEMBERS_MAX) {
            throw new IllegalArgumentException("paxos-lite takes at most " + Ballots.MEMBERS_MAX + " members");
        }
        this.myId = serverId;
        this.members = sorted;
        this.myIndex = sorted.indexOf(serverId);
        this.majority = sorted.size() / 2 + 1;
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.history = Objects.requireNonNull(history, "history");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.random = Objects.requireNonNull(random, "random");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.leaderReads = new LeaderReads(settings.leaderReads(), settings.electionTimeoutMillis(),
                settings.leaseDriftMillis(), sorted, out);
    }

    /**
     * Test-only: switches on deliberate protocol bugs so that the simulator can prove it finds them. Call before
     * {@link #start}. Nothing in configuration reaches this.
     */
    public PaxosLiteProtocol withPlantedFaults(Set<PlantedFault> planted) {
        if (started) {
            throw new IllegalStateException("planted faults must be chosen before start");
        }
        faults.clear();
        faults.addAll(planted);
        return this;
    }

    @Override
    public int serverId() {
        return myId;
    }

    @Override
    public void start(long lastLoggedZxid, long nowMillis) {
        if (started) {
            throw new IllegalStateException("started twice");
        }
        started = true;
        acceptedBallot = read(ACCEPTED_BALLOT, 0);
        acceptedFrom = read(ACCEPTED_FROM, 1);
        promised = faults.contains(PlantedFault.FORGET_PROMISE) ? acceptedBallot : read(PROMISED, 0);
        maxRoundSeen = Math.max(Ballots.round(promised), Ballots.round(acceptedBallot));
        log = new SlotLog(history, SlotZxids.slot(lastLoggedZxid));
        committed = Math.max(log.coveredAfter(), Math.min(acceptedFrom - 1, log.last()));
        delivered = log.last(); // the driver applied its whole log when it recovered
        announced = leadership();
        out.leadership(announced);
        // a whole election timeout, as for a follower: a restarted server that tried sooner (a tick or two) could
        // depose a healthy leader whose heartbeats had not reached it yet, its connections still being dialled
        electionDeadline = members.size() == 1 ? nowMillis : nowMillis + electionWait();
        leaseGrantedUntil = nowMillis + settings.electionTimeoutMillis();
    }

    @Override
    public void receive(int from, PeerMessage message, long nowMillis) {
        requireStarted();
        if (!(message instanceof PaxosMessage paxos)) {
            throw new IllegalArgumentException("not a paxos-lite message: " + message);
        }
        if (from == myId || !members.contains(from)) {
            return;
        }
        if (paxos instanceof Prepare m) {
            onPrepare(from, m, nowMillis);
        } else if (paxos instanceof Promise m) {
            onPromise(from, m, nowMillis);
        } else if (paxos instanceof Reject m) {
            onReject(from, m, nowMillis);
        } else if (paxos instanceof CatchUp m) {
            onCatchUp(from, m, nowMillis);
        } else if (paxos instanceof Accept m) {
            onAccept(from, m, nowMillis);
        } else if (paxos instanceof Heartbeat m) {
            onHeartbeat(from, m, nowMillis);
        } else if (paxos instanceof Commit m) {
            onCommit(from, m, nowMillis);
        } else if (paxos instanceof Accepted m) {
            onAccepted(from, m, nowMillis);
        } else if (paxos instanceof NeedCatchUp m) {
            onNeedCatchUp(from, m, nowMillis);
        } else if (paxos instanceof Forward m) {
            onForward(m, nowMillis);
        } else if (paxos instanceof ToLeader m) {
            if (role == Role.LEADER) {
                out.appMessage(from, m.bytes());
            }
        } else if (paxos instanceof ReadIndexRequest m) {
            if (role == Role.LEADER) {
                out.send(from, new ReadIndexReply(m.token(), log.last()));
            }
        } else if (paxos instanceof ReadIndexReply m) {
            barriers.replied(m.token(), m.slot());
            satisfyBarriers();
        } else if (paxos instanceof ToFollower m) {
            if (role == Role.FOLLOWER && from == leaderId) {
                out.appMessage(from, m.bytes());
            }
        }
        heartbeatIfReadsWait(nowMillis);
    }

    @Override
    public void tick(long nowMillis) {
        requireStarted();
        if (role == Role.LEADER) {
            heartbeat(nowMillis);
            commitNewsDue = false;
            retrySnapshotCatchUps(nowMillis);
            if (!hearsMajority(nowMillis)) {
                boolean neverInStep = followers.values().stream().filter(f -> f.caughtUp).count() + 1 < majority;
                stepDown(nowMillis);
                if (neverInStep) {
                    // it could not bring a majority into step (they need a snapshot of chosen state this server
                    // cannot take while what it applied is not all chosen): stand back so that another leads
                    electionDeadline += CATCH_UP_GRACE_TIMEOUTS * settings.electionTimeoutMillis();
                }
            }
        } else if (nowMillis >= electionDeadline) {
            startBallot(nowMillis);
        }
    }

    @Override
    public void peerConnection(int peer, boolean connected, long nowMillis) {
        if (!connected && role == Role.FOLLOWER && peer == leaderId) {
            // the leader's connection closed: try for a ballot soon rather than after a whole timeout, the followers
            // spread over a short random wait (as long as Zab's finalizeWait) so that one of them usually goes first
            long spread = Math.min(settings.tickMillis(), DISCONNECT_BALLOT_SPREAD_MILLIS_MAX);
            electionDeadline = Math.min(electionDeadline, nowMillis + random.nextInt((int) spread + 1));
        }
    }

    @Override
    public ProposeOutcome propose(byte[] payload, long nowMillis) {
        requireStarted();
        Objects.requireNonNull(payload, "payload");
        if (role == Role.LEADER) {
            long slot = log.append(payload);
            out.persist(new LogEntry(SlotZxids.zxid(slot), payload));
            return ProposeOutcome.ACCEPTED;
        }
        if (role == Role.FOLLOWER && leaderId >= 0) {
            out.send(leaderId, new Forward(payload));
            return ProposeOutcome.FORWARDED;
        }
        return ProposeOutcome.NO_LEADER;
    }

    @Override
    public boolean sendToLeader(byte[] message, long nowMillis) {
        requireStarted();
        if (role == Role.LEADER) {
            out.appMessage(myId, message);
            return true;
        }
        if (role == Role.FOLLOWER && leaderId >= 0) {
            out.send(leaderId, new ToLeader(message));
            return true;
        }
        return false;
    }

    @Override
    public boolean sendToFollower(int server, byte[] message, long nowMillis) {
        requireStarted();
        Objects.requireNonNull(message, "message");
        if (role != Role.LEADER) {
            return false;
        }
        if (server == myId) {
            out.appMessage(myId, message);
            return true;
        }
        if (!followers.containsKey(server)) {
            return false;
        }
        out.send(server, new ToFollower(message));
        return true;
    }

    @Override
    public void leaderReadBarrier(long token, long nowMillis) {
        requireStarted();
        trackLeadership();
        if (!leaderReads.isLeading()) {
            out.barrierRefused(token);
            return;
        }
        leaderReads.request(token, committed, delivered, nowMillis);
        heartbeatIfReadsWait(nowMillis);
    }

    /** Linearizable reads are served by an established leader only (see {@link #leadership()}). */
    private void trackLeadership() {
        boolean leads = leadership().role() == Role.LEADER;
        if (leads && !leaderReads.isLeading()) {
            leaderReads.startLeading();
        } else if (!leads && leaderReads.isLeading()) {
            leaderReads.stopLeading();
        }
    }

    private void heartbeatIfReadsWait(long nowMillis) {
        if (role == Role.LEADER && leaderReads.roundWanted()) {
            heartbeat(nowMillis);
        }
    }

    private void heartbeat(long nowMillis) {
        Heartbeat heartbeat = new Heartbeat(ballot, committed, leaderReads.startRound(nowMillis));
        for (int member : members) {
            if (member != myId) {
                out.send(member, heartbeat);
            }
        }
    }

    @Override
    public void persisted(long zxid) {
        requireStarted();
        if (truncationInFlight) {
            return; // it may be about entries the truncation removes; reports after it cover these again
        }
        log.persisted(SlotZxids.slot(zxid));
        afterDurable();
    }

    @Override
    public void readBarrier(long token) {
        requireStarted();
        barriers.add(token);
        armBarriers();
    }

    /**
     * What this server tells the driver it is. A server says it follows or leads only once everything it has
     * applied is chosen, and a follower only once its log is the leader's (caught up and durable), a leader only
     * once the slots it recovered in phase 1 are chosen in its ballot (Zab's leader waits for a quorum to
     * acknowledge NEWLEADER the same way): before that, a server restarted with a tail that was never chosen
     * would serve clients state that a catch-up then takes back.
     */
    @Override
    public Leadership leadership() {
        boolean established = ballot != 0 && acceptedBallot == ballot && committed >= delivered
                && (role == Role.LEADER ? committed >= recoveredThrough : caughtUp);
        return new Leadership(established ? role : Role.LOOKING, ballot != 0 ? ballot : acceptedBallot,
                established ? leaderId : -1);
    }

    @Override
    public boolean hasReady() {
        beforeReady();
        return !out.isEmpty();
    }

    @Override
    public Ready ready() {
        beforeReady();
        return out.ready();
    }

    private void beforeReady() {
        if (!started) {
            return;
        }
        flushBatch();
        trackLeadership();
        Leadership now = leadership();
        if (!now.equals(announced)) {
            announced = now;
            out.leadership(now);
        }
    }

    @Override
    public void advance(Ready ready) {
        out.advance(ready);
        if (ready.truncateAfterZxid() != -1) {
            truncationInFlight = false;
            afterDurable();
        }
    }

    // ---- phase 1 ----

    private void startBallot(long nowMillis) {
        if (leaseReads() && nowMillis < leaseGrantedUntil) {
            electionDeadline = leaseGrantedUntil; // a lease it granted may still run
            return;
        }
        long round = maxRoundSeen + 1;
        long mine = Ballots.of(round, myIndex);
        maxRoundSeen = round;
        leaveLeader();
        promise(mine);
        candidateBallot = mine;
        promises = new HashMap<>();
        refusedAsBehind.clear();
        promises.put(myId, promiseFrom(mine, committed));
        electionDeadline = nowMillis + electionWait();
        for (int member : members) {
            if (member != myId) {
                out.send(member, new Prepare(mine, committed));
            }
        }
        if (promises.size() >= majority) {
            becomeLeader(nowMillis);
        }
    }

    private Promise promiseFrom(long promisedBallot, long candidateCommitted) {
        long first = candidateCommitted + 1;
        List<byte[]> entries = first <= log.last() ? log.read(first, log.last()) : List.of();
        return new Promise(promisedBallot, committed, acceptedBallot, first, entries);
    }

    private void onPrepare(int from, Prepare prepare, long nowMillis) {
        noteBallot(prepare.ballot());
        boolean lower = prepare.ballot() <= promised;
        if (lower && !faults.contains(PlantedFault.ACCEPT_LOWER_BALLOT)) {
            out.send(from, new Reject(prepare.ballot(), promised, false));
            return;
        }
        if (leaseReads() && nowMillis < leaseGrantedUntil) {
            // a lease this server granted may still run: no other ballot before it ends (the candidate tries again)
            out.send(from, new Reject(prepare.ballot(), promised, false));
            return;
        }
        if (!log.holdsFrom(prepare.committed() + 1)) {
            // the candidate lacks chosen slots that this log no longer holds, so this promise could not teach it them:
            // let a fresher server lead (a candidate merely behind gets them in the promise, however many: refusing
            // it could leave the only server whose log can catch everyone up unable to lead)
            out.send(from, new Reject(prepare.ballot(), promised, true));
            return;
        }
        if (!lower) {
            promise(prepare.ballot());
            leaveLeader(); // this server no longer takes the old leader's (or its own candidacy's) ballot
        }
        electionDeadline = nowMillis + electionWait(); // give the candidate its chance
        out.send(from, promiseFrom(prepare.ballot(), prepare.committed()));
    }

    private void onPromise(int from, Promise promise, long nowMillis) {
        if (candidateBallot == 0 || promise.ballot() != candidateBallot) {
            return;
        }
        promises.put(from, promise);
        if (promises.size() >= majority) {
            becomeLeader(nowMillis);
        }
    }

    private void onReject(int from, Reject reject, long nowMillis) {
        noteBallot(reject.promised());
        if (candidateBallot != 0 && reject.ballot() == candidateBallot) {
            if (reject.behind()) {
                refusedAsBehind.add(from);
            }
            boolean outvoted = reject.promised() > candidateBallot && !reject.behind();
            if (outvoted || members.size() - refusedAsBehind.size() < majority) {
                candidateBallot = 0;
                promises = null;
                // a candidate too far behind for a majority stands back long enough for one that is not to lead and
                // catch it up: its own ballots would otherwise keep raising promises over that server's
                electionDeadline = nowMillis + electionWait()
                        + (outvoted ? 0 : CATCH_UP_GRACE_TIMEOUTS * settings.electionTimeoutMillis());
            }
        } else if (role == Role.LEADER && reject.ballot() == ballot && reject.promised() > ballot) {
            stepDown(nowMillis);
        }
    }

    /**
     * A majority promised: recover every slot after this server's committed one from the promises, make them this
     * server's log, and lead.
     */
    private void becomeLeader(long nowMillis) {
        long mine = candidateBallot;
        long base = promises.get(myId).firstSlot() - 1; // every promise answers a Prepare from this slot on
        TreeMap<Long, byte[]> values = new TreeMap<>();
        TreeMap<Long, Long> ballots = new TreeMap<>();
        long chosenThrough = committed;
        for (Promise promise : promises.values()) {
            long slot = promise.firstSlot();
            for (byte[] value : promise.entries()) {
                if (slot > base) {
                    long label = slot <= promise.chosenThrough() ? Long.MAX_VALUE : promise.acceptedBallot();
                    Long best = ballots.get(slot);
                    if (best == null || label > best) {
                        ballots.put(slot, label);
                        values.put(slot, value);
                    }
                }
                slot++;
            }
            chosenThrough = Math.max(chosenThrough, Math.min(promise.chosenThrough(), slot - 1));
        }
        long highest = values.isEmpty() ? base : values.lastKey();
        if (faults.contains(PlantedFault.SKIP_GAP_FILLING)) {
            highest = Math.min(highest, log.last());
            chosenThrough = Math.min(chosenThrough, log.last());
            values.tailMap(log.last(), false).clear();
            for (long slot = base + 1; slot <= log.last(); slot++) {
                values.put(slot, null); // this server's own values, whatever others reported
            }
        }
        for (long slot = base + 1; slot <= highest; slot++) {
            if (!values.containsKey(slot)) {
                throw new IllegalStateException("phase 1 of ballot " + Ballots.toString(mine) + " found no value for "
                        + "slot " + slot + " below slot " + highest + ": an acceptor's log had a hole");
            }
        }
        adopt(base, highest, values);
        candidateBallot = 0;
        promises = null;
        role = Role.LEADER;
        leaderSinceMillis = nowMillis;
        ballot = mine;
        leaderId = myId;
        caughtUp = true;
        pendingStep = new Step(mine, base + 1, highest);
        recoveredThrough = highest;
        followers = new HashMap<>();
        for (int member : members) {
            if (member != myId) {
                followers.put(member, new FollowerProgress(nowMillis));
            }
        }
        batchStart = log.last() + 1;
        learnChosen(chosenThrough);
        afterDurable();
        heartbeat(nowMillis); // followers ask to be caught up
        armBarriers();
    }

    /**
     * Makes this server's log from {@code base + 1} through {@code last} hold {@code values} (a null value keeps
     * this server's own): the first slot that differs is where the log is cut, and the rest is appended.
     */
    private void adopt(long base, long last, TreeMap<Long, byte[]> values) {
        long ownLast = log.last();
        long first = base + 1;
        long compareTo = Math.min(ownLast, last);
        List<byte[]> own = first <= compareTo ? log.read(first, compareTo) : List.of();
        long differs = first;
        while (differs <= compareTo) {
            byte[] wanted = values.get(differs);
            if (wanted != null && !Arrays.equals(wanted, own.get((int) (differs - first)))) {
                break;
            }
            differs++;
        }
        if (ownLast >= differs) {
            truncateAfter(differs - 1);
        }
        for (long slot = differs; slot <= last; slot++) {
            byte[] value = values.get(slot);
            long appended = log.append(value);
            out.persist(new LogEntry(SlotZxids.zxid(appended), value));
        }
    }

    private void truncateAfter(long slot) {
        log.truncateAfter(slot);
        out.truncateAfter(SlotZxids.zxid(slot));
        truncationInFlight = true;
        delivered = Math.min(delivered, slot);
    }

    // ---- phase 2, followers ----

    /**
     * A message from a leader in {@code leaderBallot}: refused when below the promise, else this server follows
     * that leader (promising its ballot if it is higher). Returns whether to go on with the message.
     */
    private boolean followLeader(int from, long leaderBallot, long nowMillis) {
        noteBallot(leaderBallot);
        if (leaderBallot < promised && !faults.contains(PlantedFault.ACCEPT_LOWER_BALLOT)) {
            out.send(from, new Reject(leaderBallot, promised, false));
            return false;
        }
        if (leaderBallot > promised) {
            promise(leaderBallot);
        }
        if (ballot != leaderBallot) {
            leaveLeader();
            role = Role.FOLLOWER;
            ballot = leaderBallot;
            leaderId = members.get(Ballots.memberIndex(leaderBallot));
            caughtUp = false;
            followerWait = electionWait(); // drawn once per leader: every message from it restarts the same wait
            armBarriers();
        }
        electionDeadline = nowMillis + followerWait;
        return true;
    }

    private void onCatchUp(int from, CatchUp catchUp, long nowMillis) {
        if (!followLeader(from, catchUp.ballot(), nowMillis)) {
            return;
        }
        long first = catchUp.firstSlot();
        StateSnapshot snapshot = catchUp.snapshot();
        if (snapshot != null) {
            long snapshotSlot = SlotZxids.slot(snapshot.zxid());
            if (snapshotSlot > committed) {
                if (log.last() > snapshotSlot) {
                    truncateAfter(snapshotSlot);
                }
                log.installSnapshot(snapshotSlot);
                out.install(snapshot);
                delivered = snapshotSlot;
                committed = snapshotSlot;
            }
        }
        long last = first + catchUp.entries().size() - 1;
        if (last < committed) {
            // a leader's log holds every chosen slot: one that ends before a slot this server knows is chosen
            // means a chosen value was lost (agreement is broken), and taking the catch-up would make that worse
            throw new IllegalStateException("server " + myId + ": the catch-up of leader " + Ballots.toString(
                    catchUp.ballot()) + " ends at slot " + last + ", below slot " + committed + " known chosen here");
        }
        long start = Math.max(first, Math.max(committed, log.coveredAfter()) + 1);
        if (start > log.last() + 1) {
            out.send(from, new NeedCatchUp(catchUp.ballot(), committed, log.last()));
            return;
        }
        TreeMap<Long, byte[]> values = new TreeMap<>();
        for (long slot = start; slot <= last; slot++) {
            values.put(slot, catchUp.entries().get((int) (slot - first)));
        }
        if (log.last() > last) {
            // a tail beyond the leader's log was never chosen: cut it so that the step below covers the whole log
            truncateAfter(Math.max(last, start - 1));
        }
        adopt(start - 1, Math.max(last, start - 1), values);
        pendingStep = new Step(catchUp.ballot(), start, log.last());
        learnChosen(Math.min(catchUp.committed(), log.last()));
        afterDurable();
    }

    private void onAccept(int from, Accept accept, long nowMillis) {
        if (!followLeader(from, accept.ballot(), nowMillis)) {
            return;
        }
        if (!inStepWithLeader() || accept.firstSlot() != log.last() + 1) {
            out.send(from, new NeedCatchUp(accept.ballot(), committed, log.last()));
            return;
        }
        for (byte[] value : accept.entries()) {
            long slot = log.append(value);
            out.persist(new LogEntry(SlotZxids.zxid(slot), value));
        }
        learnChosen(Math.min(accept.committed(), log.last()));
    }

    private void onHeartbeat(int from, Heartbeat heartbeat, long nowMillis) {
        if (!followLeader(from, heartbeat.ballot(), nowMillis)) {
            return;
        }
        if (!inStepWithLeader()) {
            out.send(from, new NeedCatchUp(heartbeat.ballot(), committed, log.last()));
            return;
        }
        learnChosen(Math.min(heartbeat.committed(), log.last()));
        if (caughtUp) {
            if (leaseReads()) {
                leaseGrantedUntil = Math.max(leaseGrantedUntil, nowMillis + settings.electionTimeoutMillis());
            }
            out.send(from, new Accepted(ballot, log.durable(), heartbeat.round()));
        }
    }

    private void onCommit(int from, Commit commit, long nowMillis) {
        if (followLeader(from, commit.ballot(), nowMillis) && inStepWithLeader()) {
            learnChosen(Math.min(commit.committed(), log.last()));
        }
    }

    /** This follower's log is the leader's through its end (its catch-up is done or being made durable). */
    private boolean inStepWithLeader() {
        return caughtUp || (pendingStep != null && pendingStep.ballot() == ballot);
    }

    // ---- phase 2, leader ----

    private void onAccepted(int from, Accepted accepted, long nowMillis) {
        if (role != Role.LEADER || accepted.ballot() != ballot) {
            return;
        }
        FollowerProgress progress = followers.get(from);
        progress.lastHeardMillis = nowMillis;
        progress.caughtUp = true;
        progress.accepted = Math.max(progress.accepted, accepted.through());
        advanceCommitted();
        if (leaderReads.isLeading()) {
            leaderReads.answered(from, accepted.round(), delivered);
        }
    }

    private void onNeedCatchUp(int from, NeedCatchUp need, long nowMillis) {
        if (role != Role.LEADER || need.ballot() != ballot) {
            return;
        }
        FollowerProgress progress = followers.get(from);
        progress.lastHeardMillis = nowMillis;
        boolean recent = nowMillis - progress.catchUpSentMillis < settings.electionTimeoutMillis();
        if (progress.nextSlot == -1 || !recent) {
            sendCatchUp(from, progress, Math.min(need.committed(), log.last()) + 1, nowMillis);
        }
    }

    private void sendCatchUp(int to, FollowerProgress progress, long first, long nowMillis) {
        progress.caughtUp = false;
        progress.accepted = 0;
        progress.catchUpSentMillis = nowMillis;
        // entries when the log holds them and they are few, or when a snapshot cannot be taken yet (what this
        // leader applied is not all chosen): waiting would deadlock a leader whose followers all need one
        boolean fewEntries = log.last() - first + 1 <= settings.maxCatchUpEntries();
        if (log.holdsFrom(first) && (fewEntries || delivered > committed)) {
            List<byte[]> entries = first <= log.last() ? log.read(first, log.last()) : List.of();
            out.send(to, new CatchUp(ballot, first, entries, null, committed));
            progress.nextSlot = log.last() + 1;
            progress.snapshotWanted = false;
            return;
        }
        progress.snapshotWanted = true;
        progress.nextSlot = -1;
        if (delivered > committed) {
            // what is applied is not all chosen (a tail replayed at restart), so a capture of it must not be sent;
            // the snapshot this server's log continues from is chosen state when it is at or below what is committed
            Optional<StateSnapshot> stored = snapshots.newestStored();
            if (stored.isPresent() && SlotZxids.slot(stored.get().zxid()) <= committed
                    && log.holdsFrom(SlotZxids.slot(stored.get().zxid()) + 1)) {
                sendSnapshot(to, progress, stored.get());
            }
            return; // else the next tick tries again
        }
        if (capturing) {
            return; // a capture is on its way
        }
        if (snapshots.startCapture()) {
            capturing = true; // the driver serialises the state while this leader goes on; snapshotCaptured sends it
            return;
        }
        sendSnapshot(to, progress, snapshots.capture());
    }

    @Override
    public void snapshotCaptured(StateSnapshot snapshot, long nowMillis) {
        requireStarted();
        capturing = false;
        if (role != Role.LEADER || SlotZxids.slot(snapshot.zxid()) > committed
                || !log.holdsFrom(SlotZxids.slot(snapshot.zxid()) + 1)) {
            return; // no longer leading, or the log moved past it: followers still wanting one get a new capture
        }
        for (Map.Entry<Integer, FollowerProgress> follower : followers.entrySet()) {
            if (follower.getValue().snapshotWanted) {
                sendSnapshot(follower.getKey(), follower.getValue(), snapshot);
            }
        }
    }

    /** A catch-up by {@code snapshot} (chosen state) and the log after it. */
    private void sendSnapshot(int to, FollowerProgress progress, StateSnapshot snapshot) {
        long snapshotSlot = SlotZxids.slot(snapshot.zxid());
        List<byte[]> entries = snapshotSlot < log.last() ? log.read(snapshotSlot + 1, log.last()) : List.of();
        out.send(to, new CatchUp(ballot, snapshotSlot + 1, entries, snapshot, committed));
        progress.nextSlot = log.last() + 1;
        progress.snapshotWanted = false;
    }

    private void retrySnapshotCatchUps(long nowMillis) {
        for (Map.Entry<Integer, FollowerProgress> follower : followers.entrySet()) {
            if (follower.getValue().snapshotWanted && !capturing) {
                sendCatchUp(follower.getKey(), follower.getValue(), log.coveredAfter(), nowMillis);
            }
        }
    }

    private void onForward(Forward forward, long nowMillis) {
        if (role == Role.LEADER) {
            propose(forward.payload(), nowMillis);
        }
    }

    /** Sends what was proposed since the last batch to every follower that is caught up to it. */
    private void flushBatch() {
        if (role != Role.LEADER) {
            return;
        }
        if (log.last() >= batchStart) {
            List<byte[]> batch = log.read(batchStart, log.last());
            Accept accept = new Accept(ballot, batchStart, batch, committed);
            for (Map.Entry<Integer, FollowerProgress> follower : followers.entrySet()) {
                FollowerProgress progress = follower.getValue();
                if (progress.nextSlot == batchStart) {
                    out.send(follower.getKey(), accept);
                    progress.nextSlot = log.last() + 1;
                }
            }
            batchStart = log.last() + 1;
            commitNewsDue = false;
        }
        if (commitNewsDue) {
            Commit news = new Commit(ballot, committed);
            for (Map.Entry<Integer, FollowerProgress> follower : followers.entrySet()) {
                if (follower.getValue().caughtUp) {
                    out.send(follower.getKey(), news);
                }
            }
            commitNewsDue = false;
        }
    }

    /** The highest slot a majority has durably accepted in this ballot is chosen, and so is everything below. */
    private void advanceCommitted() {
        if (role != Role.LEADER) {
            return;
        }
        List<Long> accepted = new ArrayList<>(members.size());
        accepted.add(acceptedBallot == ballot ? log.durable() : 0);
        for (FollowerProgress progress : followers.values()) {
            accepted.add(progress.caughtUp ? progress.accepted : 0);
        }
        accepted.sort(null);
        int quorum = faults.contains(PlantedFault.CHOOSE_WITHOUT_MAJORITY) ? 1 : majority;
        long chosen = Math.min(accepted.get(accepted.size() - quorum), log.last());
        if (chosen > committed) {
            learnChosen(chosen);
            commitNewsDue = true;
        }
    }

    /**
     * Whether a majority (this leader included) answered lately. Followers still being caught up count only during
     * the first {@link #CATCH_UP_GRACE_TIMEOUTS} election timeouts of a leadership: a leader that cannot bring a
     * majority into step by then (one whose followers all need what it cannot send) gives way to another.
     */
    private boolean hearsMajority(long nowMillis) {
        boolean grace = nowMillis - leaderSinceMillis < CATCH_UP_GRACE_TIMEOUTS * settings.electionTimeoutMillis();
        int heard = 1;
        for (FollowerProgress progress : followers.values()) {
            if (nowMillis - progress.lastHeardMillis <= settings.electionTimeoutMillis() && (progress.caughtUp || grace)) {
                heard++;
            }
        }
        return heard >= majority;
    }

    private void stepDown(long nowMillis) {
        leaveLeader();
        electionDeadline = nowMillis + electionWait();
    }

    /** Forgets any leader (this one included) and candidacy; the driver hears of it with the next Ready. */
    private void leaveLeader() {
        boolean hadLeader = leaderId >= 0;
        role = Role.LOOKING;
        ballot = 0;
        leaderId = -1;
        caughtUp = false;
        candidateBallot = 0;
        promises = null;
        followers = null;
        commitNewsDue = false;
        if (pendingStep != null && pendingStep.ballot() != acceptedBallot) {
            pendingStep = null; // the catch-up may not be finished: its entries keep the older step's ballot
        }
        if (hadLeader) {
            barriers.leaderLost();
        }
    }

    // ---- durability, learning and delivery ----

    /** Writes a catch-up's step once its entries are durable, then acknowledges or counts what is durable. */
    private void afterDurable() {
        if (truncationInFlight) {
            return;
        }
        if (pendingStep != null && log.durable() >= pendingStep.through()) {
            Step step = pendingStep;
            pendingStep = null;
            write(ACCEPTED_FROM, step.from());
            write(ACCEPTED_BALLOT, step.ballot());
            acceptedFrom = step.from();
            acceptedBallot = step.ballot();
            learnChosen(Math.min(step.from() - 1, log.last()));
            if (role == Role.FOLLOWER && ballot == step.ballot()) {
                caughtUp = true;
            }
        }
        if (role == Role.LEADER) {
            advanceCommitted();
        } else if (role == Role.FOLLOWER && caughtUp && acceptedBallot == ballot) {
            out.send(leaderId, new Accepted(ballot, log.durable(), 0));
        }
    }

    private void learnChosen(long slot) {
        if (slot <= committed) {
            return;
        }
        committed = slot;
        if (delivered < committed) {
            List<byte[]> values = log.read(delivered + 1, committed);
            for (byte[] value : values) {
                delivered++;
                out.deliver(new LogEntry(SlotZxids.zxid(delivered), value));
            }
        }
        log.release(delivered - settings.retainedEntries());
        satisfyBarriers();
        leaderReads.delivered(delivered);
    }

    private void armBarriers() {
        if (role == Role.LEADER) {
            barriers.targetAll(log.last());
        } else if (role == Role.FOLLOWER) {
            for (long token : barriers.toRequest()) {
                out.send(leaderId, new ReadIndexRequest(token));
            }
        }
        satisfyBarriers();
    }

    private void satisfyBarriers() {
        for (long token : barriers.satisfied(delivered)) {
            out.barrierSatisfied(token);
        }
    }

    // ---- helpers ----

    private void promise(long newBallot) {
        promised = newBallot;
        if (!faults.contains(PlantedFault.FORGET_PROMISE)) {
            write(PROMISED, newBallot);
        }
    }

    private boolean leaseReads() {
        return settings.leaderReads() == LeaderReadMode.LEASE;
    }

    private void noteBallot(long seen) {
        maxRoundSeen = Math.max(maxRoundSeen, Ballots.round(seen));
    }

    private long electionWait() {
        long timeout = settings.electionTimeoutMillis();
        return timeout + random.nextInt((int) Math.min(Integer.MAX_VALUE - 1, timeout) + 1);
    }

    private long read(String key, long absent) {
        try {
            return metadata.get(key, absent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key + " from the metadata", e);
        }
    }

    private void write(String key, long value) {
        try {
            metadata.put(key, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + key + " to the metadata", e);
        }
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("paxos-lite protocol not started");
        }
    }
}
