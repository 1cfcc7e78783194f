//! Connections: the accept loop, a cap on open connections, the header-read and idle timeouts, and the stop.
//!
//! axum's own `serve` keeps every connection for as long as the peer likes and sleeps a second whenever
//! `accept` fails, so a few thousand idle sockets exhaust the descriptors and `/healthz` stops answering.
//! Here each connection is tracked from `accept` to close:
//!
//! * a connection must deliver a complete request head within the header-read timeout, counted from the
//!   moment it opened (a first request) or from the first byte of the next request (on a kept-alive one), so a
//!   slowloris client sending a byte every few seconds is closed;
//! * a kept-alive connection with nothing in flight is closed after the idle timeout;
//! * at the connection cap, the oldest connection that has no request in flight (one that never sent a
//!   complete request first) is closed to make room, so a real client that sends its request at once is
//!   served however many idle sockets are open; when every connection is busy the newcomer gets a fast 503.
//!
//! A request being handled is bounded by the request deadline (`--timeout-ms`, body reading included), not by
//! these timeouts.

use axum::Router;
use axum::extract::Request;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::collections::BTreeMap;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, Semaphore, watch};
use tokio::time::Instant;
use tower::ServiceExt;

/// Connection limits of the service.
#[derive(Debug, Clone, Copy)]
pub struct ConnLimits {
    /// Most connections open at once (further ones evict an idle one, or get a fast 503).
    pub max_connections: usize,
    /// Time allowed for a request head to arrive.
    pub header_timeout: Duration,
    /// Time a kept-alive connection may wait for its next request.
    pub idle_timeout: Duration,
    /// How long the stop waits for requests in flight.
    pub drain: Duration,
}

/// Largest request head (and read buffer) per connection; larger heads are refused by hyper with 431.
const MAX_BUF: usize = 32 * 1024;

/// What a connection is doing, for its deadline and for eviction.
struct Phase {
    /// Requests being handled on it (0 or 1 with HTTP/1.1 without pipelining).
    in_flight: u32,
    /// Requests it has sent so far.
    served: u64,
    /// When it opened, or when its last response was ready.
    waiting_since: Instant,
    /// The first byte of the next request on a kept-alive connection.
    head_since: Option<Instant>,
}

/// One open connection.
struct Tracked {
    id: u64,
    phase: Mutex<Phase>,
    /// The phase changed: the deadline may have moved.
    wake: Notify,
    /// Closed to make room under the cap.
    evict: Notify,
}

impl Tracked {
    fn phase(&self) -> std::sync::MutexGuard<'_, Phase> {
        self.phase.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// When this connection is closed if nothing changes; `None` while a request is in flight.
    fn deadline(&self, limits: &ConnLimits) -> Option<Instant> {
        let p = self.phase();
        if p.in_flight > 0 {
            None
        } else if p.served == 0 {
            Some(p.waiting_since + limits.header_timeout)
        } else {
            Some(match p.head_since {
                Some(t) => t + limits.header_timeout,
                None => p.waiting_since + limits.idle_timeout,
            })
        }
    }

    /// Bytes arrived: on an idle kept-alive connection they start the next request's header clock.
    fn on_bytes(&self) {
        let mut p = self.phase();
        if p.in_flight == 0 && p.served > 0 && p.head_since.is_none() {
            p.head_since = Some(Instant::now());
            drop(p);
            self.wake.notify_one();
        }
    }
}

/// A request in flight on a connection; dropping it makes the connection idle again.
struct Busy(Arc<Tracked>);

impl Busy {
    fn enter(conn: &Arc<Tracked>) -> Busy {
        {
            let mut p = conn.phase();
            p.in_flight += 1;
            p.served += 1;
            p.head_since = None;
        }
        conn.wake.notify_one();
        Busy(Arc::clone(conn))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        {
            let mut p = self.0.phase();
            p.in_flight = p.in_flight.saturating_sub(1);
            if p.in_flight == 0 {
                p.waiting_since = Instant::now();
                p.head_since = None;
            }
        }
        self.0.wake.notify_one();
    }
}

/// The open connections, oldest first.
#[derive(Default)]
struct Registry {
    conns: Mutex<BTreeMap<u64, Arc<Tracked>>>,
    next_id: AtomicU64,
    /// A connection closed (for the stop).
    gone: Notify,
}

impl Registry {
    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, Arc<Tracked>>> {
        self.conns.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn len(&self) -> usize {
        self.lock().len()
    }

    fn open(&self) -> Arc<Tracked> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let conn = Arc::new(Tracked {
            id,
            phase: Mutex::new(Phase {
                in_flight: 0,
                served: 0,
                waiting_since: Instant::now(),
                head_since: None,
            }),
            wake: Notify::new(),
            evict: Notify::new(),
        });
        self.lock().insert(id, Arc::clone(&conn));
        conn
    }

    fn close(&self, id: u64) {
        self.lock().remove(&id);
        self.gone.notify_waiters();
    }

    /// Closes the oldest connection with nothing in flight, preferring one that never sent a complete request.
    /// False when every connection is busy.
    fn evict_one(&self) -> bool {
        let mut conns = self.lock();
        let mut kept_alive = None;
        let mut chosen = None;
        for (id, c) in conns.iter() {
            let p = c.phase();
            if p.in_flight > 0 {
                continue;
            }
            if p.served == 0 {
                chosen = Some(*id);
                break;
            }
            if kept_alive.is_none() {
                kept_alive = Some(*id);
            }
        }
        match chosen.or(kept_alive).and_then(|id| conns.remove(&id)) {
            Some(c) => {
                c.evict.notify_one();
                true
            }
            None => false,
        }
    }
}

/// The socket, noting when bytes arrive.
struct Watched {
    io: TcpStream,
    conn: Arc<Tracked>,
}

impl AsyncRead for Watched {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.io).poll_read(cx, buf);
        if matches!(r, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.conn.on_bytes();
        }
        r
    }
}

impl AsyncWrite for Watched {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }
}

/// Serves one connection until the peer closes it, a timeout or an eviction closes it, or the stop drains it.
async fn serve_one(
    stream: TcpStream,
    conn: Arc<Tracked>,
    app: Router,
    limits: ConnLimits,
    registry: Arc<Registry>,
    mut stop: watch::Receiver<bool>,
) {
    let io = TokioIo::new(Watched {
        io: stream,
        conn: Arc::clone(&conn),
    });
    let tracked = Arc::clone(&conn);
    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
        let busy = Busy::enter(&tracked);
        let app = app.clone();
        async move {
            let r = app.oneshot(req.map(axum::body::Body::new)).await;
            drop(busy);
            r
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    // Our own clocks replace hyper's header-read timer (which would also cut kept-alive connections at the
    // header timeout).
    builder
        .keep_alive(true)
        .header_read_timeout(None::<Duration>)
        .max_buf_size(MAX_BUF);
    let connection = builder.serve_connection(io, service);
    tokio::pin!(connection);
    let mut stopping = *stop.borrow();
    if stopping {
        connection.as_mut().graceful_shutdown();
    }
    loop {
        let deadline = conn.deadline(&limits);
        let sleep = async move {
            match deadline {
                Some(d) => tokio::time::sleep_until(d).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = connection.as_mut() => break,
            () = sleep => {
                if conn.deadline(&limits).is_some_and(|d| d <= Instant::now()) {
                    break;
                }
            }
            () = conn.wake.notified() => {}
            () = conn.evict.notified() => {
                // Chosen while idle; if its request arrived meanwhile, that request is still answered.
                if conn.phase().in_flight == 0 {
                    break;
                }
                stopping = true;
                connection.as_mut().graceful_shutdown();
            }
            _ = stop.changed(), if !stopping => {
                stopping = true;
                connection.as_mut().graceful_shutdown();
            }
        }
    }
    registry.close(conn.id);
}

/// The answer to a connection past the cap when none can be evicted.
fn overloaded() -> Vec<u8> {
    let body = crate::host_error("http.overloaded", "too many open connections; retry shortly");
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nconnection: close\r\nretry-after: 1\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Writes the fast 503 and closes, reading what the client sent meanwhile so the close does not reset the
/// answer away. Bounded: a few at a time, a second each; beyond that the socket is simply closed.
fn refuse(stream: TcpStream, refusals: &Arc<Semaphore>) {
    let Ok(permit) = Arc::clone(refusals).try_acquire_owned() else {
        return;
    };
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = stream;
        let _ = tokio::time::timeout(Duration::from_secs(1), async {
            stream.write_all(&overloaded()).await?;
            stream.shutdown().await?;
            let mut sink = [0u8; 1024];
            while stream.read(&mut sink).await? > 0 {}
            Ok::<(), io::Error>(())
        })
        .await;
        drop(permit);
    });
}

/// Errors of `accept` that mean the process or the system is out of descriptors.
fn out_of_descriptors(e: &io::Error) -> bool {
    // EMFILE (24) and ENFILE (23) on Linux and the BSDs.
    matches!(e.raw_os_error(), Some(23 | 24))
}

/// Binds `addr` with a deep accept queue, so a burst of connections is not dropped before it is accepted.
///
/// # Errors
/// When the address cannot be bound.
pub fn bind(addr: std::net::SocketAddr) -> io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(4096)
}

/// Raises the soft open-file limit to the hard one and returns the soft limit in force (None when unknown).
pub fn raise_fd_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, getrlimit, setrlimit};
        let lim = getrlimit(Resource::Nofile);
        if lim.current != lim.maximum {
            let _ = setrlimit(
                Resource::Nofile,
                rustix::process::Rlimit {
                    current: lim.maximum,
                    maximum: lim.maximum,
                },
            );
        }
        // `None` means unlimited.
        Some(getrlimit(Resource::Nofile).current.unwrap_or(u64::MAX))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Hands memory freed by closed connections back to the system: glibc keeps freed heap pages of its per-thread
/// arenas otherwise, and the RSS of a service that survived a flood would stay at its peak.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim has no preconditions; it only returns glibc's own free pages to the kernel.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Every two seconds: when the open connections have fallen to a quarter of a peak of at least 512, trims.
fn trim_after_floods(registry: Arc<Registry>) {
    tokio::spawn(async move {
        let mut peak = 0;
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        loop {
            tick.tick().await;
            let open = registry.len();
            peak = peak.max(open);
            if peak >= 512 && open <= peak / 4 {
                peak = open;
                let _ = tokio::task::spawn_blocking(release_freed_memory).await;
            }
        }
    });
}

/// Accepts and serves connections until `shutdown` completes, then lets requests in flight finish (at most
/// `limits.drain`).
///
/// # Errors
/// Never today; kept for a listener that can fail for good.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnLimits,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let registry = Arc::new(Registry::default());
    let refusals = Arc::new(Semaphore::new(64));
    let (stop_tx, stop_rx) = watch::channel(false);
    trim_after_floods(Arc::clone(&registry));
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            a = listener.accept() => a,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) if out_of_descriptors(&e) => {
                // Make room and retry soon: waiting a whole second, as axum does, is what left /healthz dark.
                registry.evict_one();
                tracing::warn!(error = %e, "out of file descriptors; closed an idle connection");
                tokio::time::sleep(Duration::from_millis(5)).await;
                continue;
            }
            // A peer that gave up before it was accepted, and the like.
            Err(_) => continue,
        };
        if registry.len() >= limits.max_connections && !registry.evict_one() {
            refuse(stream, &refusals);
            continue;
        }
        let _ = stream.set_nodelay(true);
        let conn = registry.open();
        tokio::spawn(serve_one(
            stream,
            conn,
            app.clone(),
            limits,
            Arc::clone(&registry),
            stop_rx.clone(),
        ));
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let until = Instant::now() + limits.drain;
    while registry.len() > 0 && Instant::now() < until {
        tokio::select! {
            () = registry.gone.notified() => {}
            () = tokio::time::sleep(Duration::from_millis(20)) => {}
        }
    }
    Ok(())
}
