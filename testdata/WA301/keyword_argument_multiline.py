import logging

import pymysql

logger = logging.getLogger(__name__)


def handler(event, context):
    conn = pymysql.connect(
        host="mysql.internal",
        user="orders",
        passwd="De1f8rESQedUStPKR0CsTy4Qwb8DwkNh",  # legacy
        database="orders",
    )
    logger.info("connected")
    return conn.open
