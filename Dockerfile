# Simulacro for a study group: a multi-stage image, run as a non-root numeric user.
# Build: docker build -t simulacro .   Run: docker run -p 8501:8501 simulacro
# (see README "Deploy for a group"; hosted mode is switched on by environment variables).

# --- stage 1: build wheels once, with the compiler toolchain the final image does not need
FROM python:3.13-slim AS build
WORKDIR /build
COPY requirements.txt .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

# --- stage 2: the runtime, only wheels and the app
FROM python:3.13-slim AS runtime
# A numeric UID/GID so Kubernetes' runAsNonRoot can verify it without /etc/passwd.
ARG APP_UID=10001
RUN groupadd --gid ${APP_UID} simulacro \
    && useradd --uid ${APP_UID} --gid ${APP_UID} --no-create-home --shell /usr/sbin/nologin simulacro
WORKDIR /app
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index --find-links=/wheels /wheels/* && rm -rf /wheels
# The app's files last: a content edit rebuilds only this layer, not the dependencies.
COPY --chown=${APP_UID}:${APP_UID} . .
ENV SIMULACRO_DATA_DIR=/data \
    HOME=/tmp \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
RUN mkdir -p /data && chown ${APP_UID}:${APP_UID} /data
VOLUME ["/data"]
USER ${APP_UID}:${APP_UID}
EXPOSE 8501
# Streamlit's own health endpoint; python instead of curl keeps the image smaller.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status == 200 else 1)"]
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0", "--server.headless=true"]
