package io.barreleye.traces;

import io.barreleye.channel.ChannelObserver;

/**
 * Records one duplex URPC channel for validation against specs/Urpc.tla: {@link UrpcMapping}
 * under the channel's lock, or {@link PerCoreUrpcRecorder} per endpoint without one.
 */
public interface UrpcRecorder extends ChannelObserver {
    /** The recording so far, mapped: every step, in an order the two sides could have run in. */
    UrpcMapping mapping();
}
