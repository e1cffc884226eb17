# ruff: noqa: T201, S603, S607 - a command-line library: it prints progress and runs fixed commands
"""Throwaway services on loopback for the benchmarks, the tests, the fault and security scripts.

One library, so starting, waiting for and stopping a process, picking a free port, Redis and
gunicorn with production settings work the same everywhere. Two families of callers:

- `Stack(name)`: a temporary folder plus whatever a script starts in it (a PostgreSQL
  cluster of its own, Redis, gunicorn), all undone on exit. The fault, soak and security
  scripts use it on ports 18100-18199, so they can stop, restart or break their servers
  without touching the shared ones on 5432 and 6379.

      with Stack("redis-down") as stack:
          postgres = stack.postgres(free_port(18140))
          site = stack.site(postgres.createdb("portal"), stack.redis().url())

- `FrontCacheStack(instances=2)`: the production-like front: a database of its own on the
  shared PostgreSQL server (DATABASE_URL's, else 127.0.0.1:5432), Redis, N gunicorn
  instances and nginx with the shipped front-cache rules (deploy/nginx/), on BENCH_PORTS
  (default 18000-18099). Used by the front-cache tests and benchmarks:

      with FrontCacheStack(instances=2) as stack:
          stack.get(stack.nginx_url + "/en/")

  A migrated and seeded database is kept as a PostgreSQL template named after a digest of
  the migrations and the seed, so a second run copies it in a second instead of migrating
  for a minute; collected static files are kept under var/ the same way.
"""

import contextlib
import hashlib
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
FAULT_PORTS = range(18100, 18200)
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
TEMPLATE_PREFIX = "iclei_stack_tmpl_"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def print_targets(checks):
    """Print each (label, met, figure) of a benchmark's targets, one line each."""
    print()
    for label, ok, shown in checks:
        print(f"{'met' if ok else 'NOT MET':8} {label}: {shown}")


def main_guard(main):
    """Run `main`, turning Ctrl-C into a clean exit (the stack's cleanup still runs)."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)


# --- ports, executables, waiting ---------------------------------------------------------


def bench_ports():
    """BENCH_PORTS ("low-high"): kept apart from FAULT_PORTS so both families can run at once."""
    low, _sep, high = os.environ.get("BENCH_PORTS", "18000-18099").partition("-")
    return range(int(low), int(high or low) + 1)


def free_port(first=None, taken=(), ports=FAULT_PORTS):
    """The first port of `ports`, from `first` on, that nothing listens on and not in `taken`
    (ports chosen for services not started yet)."""
    for port in ports:
        if (first is not None and port < first) or port in taken:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {ports.start}-{ports.stop - 1}")


def find_executable(name):
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin")
    if not found:
        raise RuntimeError(f"{name} is not installed (apt-get install {name})")
    return found


def answers(port):
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_for(check, what, timeout=60, watch=()):
    """Poll `check` until it is true; fail early, with their logs, if a watched process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in watch:
            if not process.running():
                raise RuntimeError(
                    f"{process.name} exited while waiting for {what}\n{process.tail()}"
                )
        if check():
            return
        time.sleep(0.2)
    tails = "\n".join(process.tail() for process in watch)
    raise RuntimeError(f"{what} did not come up within {timeout} s\n{tails}")


class Process:
    """A child process whose output goes to <folder>/<name>.log; stopped with SIGTERM, then
    SIGKILL, so nothing outlives the script."""

    def __init__(self, name, args, folder, env=None, grace=15):
        self.name, self.args, self.env, self.grace = name, args, env, grace
        self.log_path = Path(folder) / f"{name}.log"
        self.popen = None

    def start(self):
        with open(self.log_path, "ab") as output:  # the child keeps its own descriptor
            self.popen = subprocess.Popen(
                self.args, cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT
            )
        return self

    @property
    def pid(self):
        return self.popen.pid

    def running(self):
        return self.popen is not None and self.popen.poll() is None

    def stop(self):
        if not self.running():
            return
        self.popen.send_signal(signal.SIGTERM)
        try:
            self.popen.wait(self.grace)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()

    def log_text(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def tail(self):
        return f"--- {self.log_path}\n{self.log_text()[-2000:]}"


# --- HTTP -------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# Our own self-signed certificates on loopback: nothing to verify.
_opener = urllib.request.build_opener(
    _NoRedirect,
    urllib.request.HTTPSHandler(context=ssl._create_unverified_context()),  # noqa: S323
)


def request(method, url, data=None, headers=None, timeout=60):
    """(status, headers, body), redirects not followed."""
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})  # noqa: S310
    try:
        with _opener.open(req, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def http_status(url, timeout=5):
    """The status of a GET, or None while nothing answers."""
    try:
        return request("GET", url, timeout=timeout)[0]
    except OSError:
        return None


# --- PostgreSQL: a cluster of our own ---------------------------------------------------------


def as_postgres(command):
    """PostgreSQL refuses to run as root: run its tools as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class Postgres:
    """A cluster of our own (initdb + pg_ctl), trust authentication on 127.0.0.1 only: the
    fault scripts stop and restart it."""

    def __init__(self, folder, port):
        self.folder, self.port = Path(folder), port
        self.data = self.folder / "pgdata"

    def start(self):
        if not self.data.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.folder, "postgres", "postgres")
            initdb = [PG_BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres"]
            subprocess.run(
                as_postgres([*initdb, "-E", "UTF8"]), check=True, stdout=subprocess.DEVNULL
            )
        self.ctl(
            "start", "-w", "-o", f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1"
        )

    def ctl(self, action, *args):
        subprocess.run(
            as_postgres(
                [PG_BIN / "pg_ctl", action, "-D", self.data, "-l", self.data / "log", *args]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self, mode="fast"):
        self.ctl("stop", "-w", "-m", mode)

    def restart(self):
        """A fast restart: sessions are cut, the server comes back on the same port."""
        self.ctl("restart", "-w", "-m", "fast")

    def running(self):
        ready = [PG_BIN / "pg_isready", "-h", "127.0.0.1", "-p", str(self.port), "-q"]
        return subprocess.run(ready, check=False).returncode == 0

    def createdb(self, name):
        subprocess.run(
            [PG_BIN / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name],
            check=True,
        )
        return self.url(name)

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def close(self):
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop("immediate")


# --- PostgreSQL: databases on the shared server -------------------------------------------


def server_url():
    """The PostgreSQL server to create databases on: DATABASE_URL's if it is PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))


def database_url(name):
    parts = urlsplit(server_url())
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


def admin_connection():
    connection = psycopg2.connect(server_url())
    connection.autocommit = True
    return connection


def drop_database(name):
    """Drop a database we created; give up after a while rather than hang the caller.

    PostgreSQL 15's DROP DATABASE waits until every backend of the server has acknowledged
    it, which a busy shared server can delay for minutes; the name is left for later then.
    """
    connection = psycopg2.connect(server_url(), options="-c statement_timeout=30000")
    connection.autocommit = True
    try:
        connection.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg2.errors.QueryCanceled:
        print(f"Could not drop database {name} in 30 s; drop it later.", file=sys.stderr)
    finally:
        connection.close()


def digest(paths):
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(str(path.relative_to(ROOT)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def schema_digest():
    """Changes whenever a migration, the indexes added after migrations, the seed or the
    pinned packages change."""
    files = [p for p in ROOT.glob("*/migrations/*.py") if ".venv" not in p.parts]
    files.append(ROOT / "core" / "page_indexes.py")
    files += list(ROOT.glob("*/seed_content.py"))
    files += list(ROOT.glob("*/management/commands/load_seed_content.py"))
    files.append(ROOT / "requirements.txt")
    return digest(files)


def static_digest():
    files = [p for p in (ROOT / "static").rglob("*") if p.is_file()]
    return digest(files + [ROOT / "requirements.txt"])


def copy_of_template(env, log=log):
    """A new database on the shared server, copied from the migrated and seeded template
    (built once with `env` and the dev settings); returns its name."""
    template = TEMPLATE_PREFIX + schema_digest()
    with contextlib.closing(admin_connection()) as connection:
        cursor = connection.cursor()
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (template,))
        if not cursor.fetchone():
            log(f"Migrating and seeding a template database ({template}), once…")
            building = f"{template}_{secrets.token_hex(3)}"
            cursor.execute(f'CREATE DATABASE "{building}"')
            try:
                env = dict(
                    env,
                    DATABASE_URL=database_url(building),
                    DJANGO_SETTINGS_MODULE="iclei_portal.settings.dev",
                )
                # The seed on its own: with a stack's Redis it would leave Wagtail's cached
                # site root paths (localhost:80) there, and the app servers would refresh
                # the front cache under that host, never the one visitors use; with its
                # front cache, it would send refreshes to an nginx not yet started.
                env.pop("REDIS_URL", None)
                env.pop("FRONT_CACHE_URL", None)
                manage("migrate", "--noinput", env=env)
                manage("load_seed_content", env=env)
                # Another run may have finished the same template meanwhile: keep theirs.
                with contextlib.suppress(psycopg2.errors.DuplicateDatabase):
                    cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
            finally:
                drop_database(building)
        name = f"iclei_stack_{secrets.token_hex(4)}"
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return name


def cached_static(env, log=log):
    """Static files collected once per digest of static/ under var/stack-static/."""
    target = ROOT / "var" / "stack-static" / static_digest()
    if not (target / "staticfiles.json").exists():
        log("Collecting static files, once…")
        building = target.with_name(target.name + f".{secrets.token_hex(3)}")
        manage("collectstatic", "--noinput", env=dict(env, STATIC_ROOT=str(building)))
        for old in target.parent.iterdir():
            if old.name != target.name and "." not in old.name:
                shutil.rmtree(old, ignore_errors=True)
        with contextlib.suppress(OSError):
            building.rename(target)
        shutil.rmtree(building, ignore_errors=True)
    return target


# --- Redis and the portal -----------------------------------------------------------------


class Redis(Process):
    """A redis-server of our own, in memory only; can be stopped and started again."""

    def __init__(self, folder, port):
        self.folder, self.port = Path(folder), port
        super().__init__(
            "redis",
            [find_executable("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(folder)],
            folder,
            grace=10,
        )  # fmt: skip

    def start(self):
        super().start()
        wait_for(lambda: answers(self.port), "redis", watch=[self])
        return self

    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    close = Process.stop


def manage(*args, env, capture=False):
    """Run manage.py; returns its output when `capture`, else discards it."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return result.stdout if capture else None


class Site:
    """The portal with production settings (DEBUG off, plain HTTP on loopback unless told),
    served by gunicorn; `env` overrides or adds settings."""

    def __init__(self, folder, database_url, redis_url="", name="gunicorn", **env):
        self.folder = Path(folder)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "iclei_portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DATABASE_URL": database_url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Loopback speaks plain HTTP; TLS is nginx's job in production.
            "SECURE_SSL_REDIRECT": "False",
            "STATIC_ROOT": str(self.folder / "static"),
            "MEDIA_ROOT": str(self.folder / "media"),
            "LOG_LEVEL": "WARNING",
            **env,
        }
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        else:
            self.env.pop("REDIS_URL", None)
        self.name = name
        self.gunicorn = None
        self.port = None
        self.scheme = "http"
        self.log_path = self.folder / f"{name}.log"

    def manage(self, *args, capture=False):
        return manage(*args, env=self.env, capture=capture)

    def shell(self, code):
        """Run Python in the site's Django; returns what it prints."""
        return self.manage("shell", "--no-imports", "-c", code, capture=True).strip()

    def prepare(self):
        log("migrating, seeding and collecting static files…")
        self.manage("compile_translations")
        self.manage("migrate", "--noinput")
        self.manage("load_seed_content")
        self.manage("collectstatic", "--noinput")

    def serve(self, port, workers=2, extra=(), tls=None, timeout=60, quiet=False):
        """Start gunicorn and wait for /healthz; `tls` is (certificate, key) to speak HTTPS."""
        self.port = port
        if tls:
            self.scheme = "https"
            extra = [*extra, "--certfile", str(tls[0]), "--keyfile", str(tls[1])]
        if os.environ.get("BENCH_ACCESS_LOG"):
            extra = [*extra, "--access-logfile", "-"]
        self.gunicorn = Process(
            self.name,
            [PYTHON, "-m", "gunicorn", "iclei_portal.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
             # A loaded machine can take long for a first render: callers may allow more.
             "--timeout", str(timeout), "--graceful-timeout", "5", *extra],
            self.folder,
            env=self.env,
        ).start()  # fmt: skip
        wait_for(lambda: self.status("/healthz") == 200, "gunicorn", watch=[self.gunicorn])
        if not quiet:
            log(f"gunicorn (pid {self.gunicorn.pid}, {workers} workers) on {self.url('/')}")

    def url(self, path):
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def status(self, path, timeout=5):
        return http_status(self.url(path), timeout)

    def pids(self):
        """gunicorn's master and its workers."""
        master = self.gunicorn.pid
        children = []
        for task in Path(f"/proc/{master}/task").iterdir():
            children += (task / "children").read_text().split()
        return [master, *map(int, children)]

    def rss_mib(self):
        total = 0
        for pid in self.pids():
            with contextlib.suppress(FileNotFoundError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        return total / 1024

    def log_text(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def close(self):
        if self.gunicorn:
            self.gunicorn.stop()


# --- stacks -------------------------------------------------------------------------------


class Stack(contextlib.ExitStack):
    """A temporary folder plus whatever services a script starts in it, all undone on exit
    (last started, first stopped; the folder last)."""

    def __init__(self, name, log=log):
        super().__init__()
        self.log = log
        self.folder = Path(tempfile.mkdtemp(prefix=f"portal-{name}-"))
        os.chmod(self.folder, 0o755)  # noqa: S103 - the postgres user must reach its data folder
        self.callback(shutil.rmtree, self.folder, ignore_errors=True)

    def postgres(self, port=None):
        cluster = Postgres(self.folder / "pg", port or free_port())
        cluster.start()
        self.callback(cluster.close)
        self.log(f"PostgreSQL of our own on 127.0.0.1:{cluster.port}")
        return cluster

    def redis(self, port=None):
        server = Redis(self.folder, port or free_port())
        self.callback(server.close)
        server.start()
        self.log(f"Redis of our own on 127.0.0.1:{server.port}")
        return server

    def site(self, database_url, redis_url="", **env):
        site = Site(self.folder, database_url, redis_url, **env)
        self.callback(site.close)
        return site

    def process(self, name, args, **kwargs):
        process = Process(name, args, self.folder, **kwargs)
        self.callback(process.stop)
        return process.start()

    def get(self, url, headers=None):
        """(status, headers, body) of a GET, redirects not followed."""
        return request("GET", url, headers=headers)


# What the front-cache stacks render at start in every worker (FrontCacheStack.warm_up).
WARM_UP_PATHS = [
    "/en/",
    "/en/programmes/urban-leds/",
    *(f"/{code}/" for code in ("ru", "de", "fr", "es", "pt", "zh-hans", "ko", "ar")),
]


class FrontCacheStack(Stack):
    """Redis, `instances` gunicorns on one database of the shared PostgreSQL server, and
    nginx with the shipped front-cache rules in front, on BENCH_PORTS."""

    def __init__(self, instances=2, workers=2, nginx_workers=1, log=print, env=None):
        super().__init__("stack", log=log)
        self.instances, self.workers, self.nginx_workers = instances, workers, nginx_workers
        self.extra_env = dict(env or {})  # more settings for the app servers
        self.admin_password = secrets.token_urlsafe(16)
        self.sites = []

    def __enter__(self):
        super().__enter__()
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def start(self):
        taken, ports = [], bench_ports()
        # Parallel test workers that each start a stack search from their own part of the
        # range: a port probed free by two of them at once would go to both.
        worker = os.environ.get("PYTEST_XDIST_WORKER", "")
        first = ports.start + 20 * int(worker.removeprefix("gw") or 0) if worker else None
        for _ in range(self.instances + 2):
            taken.append(free_port(first=first, taken=taken, ports=ports))
        redis_port, self.nginx_port, *self.app_ports = taken
        self.nginx_url = f"http://127.0.0.1:{self.nginx_port}"
        self.app_urls = [f"http://127.0.0.1:{port}" for port in self.app_ports]

        redis_url = self.redis(redis_port).url()
        env = {
            "TRUSTED_PROXIES": "127.0.0.1",
            "FRONT_CACHE_URL": self.nginx_url,  # refreshes go to nginx, past its cache
            **self.extra_env,
        }
        first = Site(self.folder, "", redis_url, **env)
        self.database = copy_of_template(first.env, self.log)
        self.callback(drop_database, self.database)
        env["DATABASE_URL"] = database_url(self.database)
        env["STATIC_ROOT"] = str(cached_static(dict(first.env, **env), self.log))
        env["SECRET_KEY"] = first.env["SECRET_KEY"]  # one signing key behind one front
        self.sites = [
            self.site(env["DATABASE_URL"], redis_url, name=f"gunicorn-{port}", **env)
            for port in self.app_ports
        ]
        self.prepare_site()
        for site, port in zip(self.sites, self.app_ports, strict=True):
            site.serve(port, workers=self.workers, timeout=120, quiet=True)
        self.start_nginx(env["STATIC_ROOT"])
        wait_for(
            lambda: http_status(self.nginx_url + "/healthz") == 200, "nginx", watch=[self.nginx]
        )
        self.warm_up()

    def warm_up(self, paths=WARM_UP_PATHS):
        """Have every worker of every app server render each path once: a worker's first
        page loads the URLconf, compiles the templates and reads a language's catalogue,
        up to a second on a busy machine, which a server in service has long done. The
        requests go `workers` at a time, so that each worker takes one (sent one after
        another, they would all go to the first free worker)."""
        with ThreadPoolExecutor(max_workers=self.workers * len(self.app_urls)) as pool:
            for path in paths:
                urls = [url + path for url in self.app_urls for _ in range(self.workers)]
                list(pool.map(lambda url: request("GET", url, timeout=120), urls))

    def prepare_site(self):
        """The Site visitors reach through nginx, and an administrator to publish with."""
        self.sites[0].shell(
            "from django.contrib.auth import get_user_model\n"
            "from wagtail.models import Site\n"
            # save(), not update(): Wagtail then clears its cached site root paths.
            "site = Site.objects.get(is_default_site=True)\n"
            f"site.hostname, site.port = '127.0.0.1', {self.nginx_port}\n"
            "site.save()\n"
            f"get_user_model().objects.create_superuser('bench', 'bench@example.org', "
            f"{self.admin_password!r})\n"
        )

    def start_nginx(self, static_root):
        prefix = self.folder / "nginx"
        for sub in ("temp", "cache", "static_copy"):
            (prefix / sub).mkdir(parents=True, exist_ok=True)
        template = (ROOT / "deploy" / "nginx" / "loopback.conf.template").read_text()
        values = {
            # Started as root, nginx would run its workers as "nobody", who cannot enter
            # this private temporary folder.
            "USER": "user root;" if os.geteuid() == 0 else "",
            "PREFIX": str(prefix),
            "PORT": str(self.nginx_port),
            "WORKERS": str(self.nginx_workers),
            "MIME_TYPES": "/etc/nginx/mime.types",
            "DEPLOY": str(ROOT / "deploy"),
            "STATIC_ROOT": static_root,
            "MEDIA_ROOT": str(self.folder / "media"),
            "UPSTREAMS": "\n".join(f"        server 127.0.0.1:{p};" for p in self.app_ports),
        }
        for name, value in values.items():
            template = template.replace(f"@{name}@", value)
        config = prefix / "nginx.conf"
        config.write_text(template)
        self.static_copy_dir = prefix / "static_copy"
        self.nginx = self.process(
            "nginx",
            [find_executable("nginx"), "-p", str(prefix), "-c", str(config), "-e", "stderr"],
            grace=10,
        )
