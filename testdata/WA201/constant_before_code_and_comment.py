import requests
# Where the ERP lives.
ERP = "https://erp.example/api"
requests.post(f"{ERP}/ping")
requests.get(f"{ERP}/health")
