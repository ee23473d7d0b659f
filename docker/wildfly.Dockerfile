# tokenmint on WildFly 39: the server that `mvn package` provisioned into target/server and configured there with
# server-config/wildfly/*.cli (the embedded CLI, server-config/wildfly/configure.sh), the WAR, and bin/run, which
# starts them as the tests and the README's run command do. No server is downloaded or configured here: the image
# holds the same bits that the build tested.
#
#   mvn -B package -DskipTests && docker build -f docker/wildfly.Dockerfile -t tokenmint-wildfly .
#
# Settings come from the environment (README, "Configuration"): DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD,
# ADMIN_PASS, CREATE_TOKENS_FOR_USERS, JBOSS_JAVA_SIZING, ... The database and its role must exist (DB_SETUP=false: the
# image has no psql); docker/compose.yaml creates them. Until the database answers, the node runs not ready.
FROM eclipse-temurin:17-jre-noble

RUN groupadd --system --gid 10001 tokenmint \
    && useradd --system --uid 10001 --gid tokenmint --home-dir /var/lib/tokenmint --create-home \
       --shell /usr/sbin/nologin tokenmint

# The layout of the project tree, so that bin/run finds everything where it does in a checkout.
WORKDIR /opt/tokenmint
# Owned by the server's user: WildFly keeps some files of standalone/configuration readable by their owner only
# (mgmt-users.properties, ...), and bin/run copies that folder into the server's base dir at every start.
COPY --chown=tokenmint:tokenmint target/server target/server
COPY target/tokenmint.war target/tokenmint.war
COPY bin/run bin/run
COPY server-config/wildfly server-config/wildfly

# RUN_DIR: the server's base dir (configuration copy, deployments, data, logs), made anew at every start.
# The management interface (port 9990) serves /health/* to the load balancer, so it listens on every address of the
# container; publish it nowhere.
ENV RUN_DIR=/var/lib/tokenmint \
    DB_SETUP=false \
    PORT=3000 \
    MANAGEMENT_BIND_ADDRESS=0.0.0.0
EXPOSE 3000 9990
USER tokenmint
ENTRYPOINT ["/opt/tokenmint/bin/run", "--server", "wildfly", "--no-build"]
