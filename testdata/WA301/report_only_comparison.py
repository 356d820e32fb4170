def authorised(event):
    api_key = event["headers"].get("x-api-key")
    return api_key == "RVdD53X83RZJzzzzgEOzdmenCkhvMdgb"
