# tokenmint on Payara Micro 6: the payara-micro.jar and the PostgreSQL driver that `mvn package` put into target/,
# the WAR, server-config/payara/ (the pre- and post-boot command files) and bin/run, which starts them as the tests
# and the README's run command do. The image holds the same bits that the build tested.
#
#   mvn -B package -DskipTests && docker build -f docker/payara.Dockerfile -t tokenmint-payara .
#
# Settings come from the environment (README, "Configuration"): DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD
# (all read by post-boot-commands.asadmin), ADMIN_PASS, CREATE_TOKENS_FOR_USERS, PAYARA_JAVA_OPTS, ... The database
# and its role must exist (DB_SETUP=false: the image has no psql); docker/compose.yaml creates them. Until the
# database answers, the node runs not ready.
FROM eclipse-temurin:17-jre-noble

RUN groupadd --system --gid 10001 tokenmint \
    && useradd --system --uid 10001 --gid tokenmint --home-dir /var/lib/tokenmint --create-home \
       --shell /usr/sbin/nologin tokenmint

# The layout of the project tree, so that bin/run finds everything where it does in a checkout.
WORKDIR /opt/tokenmint
COPY target/payara/payara-micro.jar target/payara/payara-micro.jar
COPY target/jdbc target/jdbc
COPY target/tokenmint.war target/tokenmint.war
COPY bin/run bin/run
COPY server-config/payara server-config/payara

# RUN_DIR: Payara Micro's temporary folder (it unpacks itself there at every start). Health is served on the HTTP
# port (/health/ready).
ENV RUN_DIR=/var/lib/tokenmint \
    DB_SETUP=false \
    PORT=3000
EXPOSE 3000
USER tokenmint
ENTRYPOINT ["/opt/tokenmint/bin/run", "--server", "payara", "--no-build"]
