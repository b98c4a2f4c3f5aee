# hexec container image: `docker build -t hexec .` then see docs/docker.md.
# BASE must be a Debian-family image with Node >= 20 at /usr/local/bin/node (node:24-slim is).
ARG BASE=node:24-slim
FROM ${BASE}

# bubblewrap is the sandbox for model-generated commands; git for the repository checks.
# Skipped when the base already has them (the locally built CI base does).
RUN if ! command -v bwrap >/dev/null || ! command -v git >/dev/null; then \
      apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends bubblewrap git ca-certificates \
      && rm -rf /var/lib/apt/lists/*; \
    fi

# hexec itself: the bundled dist/ has no runtime dependencies, so no npm is needed.
COPY package.json LICENSE README.md /opt/hexec/
COPY dist/ /opt/hexec/dist/
COPY docs/ /opt/hexec/docs/
COPY schemas/ /opt/hexec/schemas/
RUN chmod 0755 /opt/hexec/dist/cli.mjs && ln -sf /opt/hexec/dist/cli.mjs /usr/local/bin/hexec

# A non-root user whose home (and CODEX_HOME inside it) lives in the container's writable
# layer: nothing persists after `docker run --rm`, and nothing from the host is read.
RUN useradd --uid 10001 --user-group --create-home --home-dir /home/hexec --shell /bin/sh hexec \
    && mkdir -p /home/hexec/.codex /workspace \
    && chown -R hexec:hexec /home/hexec /workspace \
    && chmod 0700 /home/hexec/.codex
ENV HOME=/home/hexec \
    CODEX_HOME=/home/hexec/.codex \
    NODE_ENV=production
USER hexec
WORKDIR /workspace
ENTRYPOINT ["hexec"]
CMD ["--help"]
