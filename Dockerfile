# 分工助手 (fengong): the Telegram bot with long polling, as a non-root user.
#
#   docker build -t fengong .
#   docker run -d --name fengong --init --stop-timeout 150 \
#     -e TELEGRAM_BOT_TOKEN -v fengong-data:/data -v /etc/fengong/config.toml:/config/config.toml:ro fengong
#
# The data directory is the volume /data (passed with --data, whatever the config says); the
# config is mounted at /config/config.toml. See "Deployment" in README.md.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MPLCONFIGDIR=/var/cache/fengong/matplotlib

RUN groupadd --system --gid 10001 fengong \
    && useradd --system --uid 10001 --gid fengong --home-dir /nonexistent --no-create-home \
       --shell /usr/sbin/nologin fengong \
    && mkdir -p /data /config "$MPLCONFIGDIR" \
    && chown fengong:fengong /data "$MPLCONFIGDIR" \
    && chmod 0700 /data

# The app runs from /app, so the shipped notice and unit registry (data/) are its defaults.
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY data ./data
# Versions are pinned in pyproject.toml.
RUN pip install . \
    && rm -rf build *.egg-info

USER 10001:10001
# Build matplotlib's font cache now, so the first /chart does not wait for it.
RUN python -c "import matplotlib.font_manager"

VOLUME ["/data"]
# Only in webhook mode ([webhook] url, with listen = "0.0.0.0" inside the container); polling
# needs no port.
EXPOSE 8080
# The bot stops polling on SIGTERM, finishes and confirms the batch in hand, and exits 0;
# give it time with `docker stop -t 150` or `docker run --stop-timeout 150`.
STOPSIGNAL SIGTERM
ENTRYPOINT ["python", "-m", "bot"]
CMD ["run", "--config", "/config/config.toml", "--data", "/data"]
