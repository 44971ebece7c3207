# Vocelio on the official Payara Micro image. Not built in CI (no Docker engine there); keep it in step with
# ./vocelio run, which starts the same war with the same pre-boot commands.
#
#   docker build -t vocelio .
#   docker run -p 8080:8080 -e DATABASE_URL=jdbc:postgresql://db:5432/vocelio \
#       -e DATABASE_USER=vocelio -e DATABASE_PASSWORD=secret vocelio

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests -Dspotless.check.skip=true -pl vocelio-web -am package

FROM payara/micro:6.2025.10-jdk17
COPY --from=build /src/vocelio-web/target/vocelio.war /opt/payara/deployments/vocelio.war
COPY payara-config/pre-boot-commands.asadmin /opt/payara/config/pre-boot-commands.asadmin
EXPOSE 8080
# DATABASE_URL (JDBC), DATABASE_USER and DATABASE_PASSWORD are required at run time: without them the
# application refuses to deploy.
CMD ["--deploy", "/opt/payara/deployments/vocelio.war", "--contextroot", "/", \
     "--prebootcommandfile", "/opt/payara/config/pre-boot-commands.asadmin", "--nocluster"]
