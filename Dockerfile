# Vocelio: the fat war on Payara Micro, the same runtime jar, war and pre-boot commands as ./vocelio run. Not built
# in CI (no Docker engine there); keep it in step with the launcher (vocelio-launcher: Main, PayaraMicroProcess).
#
#   docker build -t vocelio .
#   docker run -p 8080:8080 -e DATABASE_URL=jdbc:postgresql://db:5432/vocelio \
#       -e DATABASE_USER=vocelio -e DATABASE_PASSWORD=secret vocelio
#   docker-compose.yml: two nodes and PostgreSQL.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# the launcher module brings the payara-micro jar (vocelio-launcher/target/runtime), the web module the war
RUN ./mvnw -B -ntp -DskipTests -Dspotless.check.skip=true -pl vocelio-web -am package

FROM eclipse-temurin:17-jre
# curl for the health check only
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /opt/vocelio vocelio
WORKDIR /opt/vocelio
COPY --from=build /src/vocelio-launcher/target/runtime/payara-micro.jar payara-micro.jar
COPY --from=build /src/vocelio-web/target/vocelio.war vocelio.war
COPY payara-config/pre-boot-commands.asadmin pre-boot-commands.asadmin
USER vocelio
EXPOSE 8080
# Required at run time: DATABASE_URL (JDBC form), DATABASE_USER, DATABASE_PASSWORD — without DATABASE_URL the
# application refuses to deploy. Every other setting of the README's Configuration table is an environment variable
# of the application too, except those only ./vocelio run reads (PORT, VOCELIO_DATA_DIR, VOCELIO_JAVA_OPTS,
# VOCELIO_MODE, VOCELIO_METRICS_ENABLED, VOCELIO_LOG_MAX_MB/FILES): here JVM options go in JAVA_TOOL_OPTIONS, the
# demo organization is VOCELIO_DEMO_ENABLED=true, and the log is the container's standard output.
ENV VOCELIO_SHUTDOWN_TIMEOUT=PT15S
# /health answers 200 once the application is deployed and its database reachable, 503 while the node drains
HEALTHCHECK --interval=10s --timeout=3s --start-period=180s --retries=3 \
    CMD curl -fsS -o /dev/null http://localhost:8080/health || exit 1
# java is PID 1 (exec form, no shell): `docker stop` sends it SIGTERM, the application drains (503 for new requests,
# requests in progress finish, sockets closed with 1001) and exits. Give it more than VOCELIO_SHUTDOWN_TIMEOUT:
# `docker stop -t 30`, or stop_grace_period in compose (Docker's default is 10 s, then SIGKILL).
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-jar", "payara-micro.jar", \
    "--deploy", "vocelio.war", "--contextroot", "/", "--port", "8080", "--nocluster", \
    "--rootdir", "/tmp/payara", "--prebootcommandfile", "pre-boot-commands.asadmin"]
