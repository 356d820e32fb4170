from requests import get

get()
