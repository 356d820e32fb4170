"""Orders database access: the password inside the URL moves, the rest stays configuration."""
import boto3
from sqlalchemy import create_engine

DATABASE_URL = "postgresql://orders_svc:Zq8nR4wL2xK6vP3m@orders-db.internal:5432/orders"


def engine():
    return create_engine(DATABASE_URL, pool_pre_ping=True)


def reporting_engine():
    return create_engine("mysql+pymysql://reporter:Hb4Nq8Wm2Xr6Tz9L@reports.internal/reports")
