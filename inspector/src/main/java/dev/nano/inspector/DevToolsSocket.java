package dev.nano.inspector;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One DevTools client's WebSocket: its messages go to the relay; a second client while one is
 * attached is turned away (GraalVM's inspector serves one session at a time). Public because
 * Jetty calls the listener methods reflectively.
 */
public final class DevToolsSocket implements Session.Listener.AutoDemanding {
    private final CdpRelay relay;
    private Session session;

    DevToolsSocket(CdpRelay relay) {
        this.relay = relay;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        if (relay.attach(session)) {
            this.session = session;
        } else {
            // another client won the race past the upgrade's check
            session.close(1013, "another debugger is attached to this program", Callback.NOOP);
            session.disconnect();
        }
    }

    @Override
    public void onWebSocketText(String message) {
        if (session != null) {
            relay.receive(session, message);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        if (session != null) {
            relay.detach(session);
        }
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (session != null) {
            relay.detach(session);
        }
    }
}
