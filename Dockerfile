# reviewwatch in a container: `reviewwatch run` (scheduler + web UI on waitress) as a
# non-root user, with the config and the SQLite database on the /data volume.
#
#   docker build -t reviewwatch .
#   docker run -d --name reviewwatch -p 127.0.0.1:8765:8765 -v reviewwatch:/data \
#     --env-file /etc/reviewwatch/env reviewwatch
#
# Put a TLS reverse proxy in front and set web.public_url and web.trusted_proxies (README,
# Deployment). /data/config/reviewwatch.toml must exist: `docker run --rm -v reviewwatch:/data
# reviewwatch init /data` writes a starter one.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    REVIEWWATCH_CONFIG=/data/config/reviewwatch.toml

WORKDIR /app
COPY pyproject.toml README.md ./
COPY reviewwatch ./reviewwatch
COPY responders ./responders
RUN pip install . && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin \
    reviewwatch && mkdir -p /data && chown reviewwatch:reviewwatch /data

USER reviewwatch
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8765
# Inside the container the UI must listen beyond loopback; publish the port on 127.0.0.1
# of the host (as above) or on the proxy's network only.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8765/healthz', timeout=4).status != 200)"
STOPSIGNAL SIGTERM
ENTRYPOINT ["reviewwatch"]
CMD ["run", "--host", "0.0.0.0", "--port", "8765"]
