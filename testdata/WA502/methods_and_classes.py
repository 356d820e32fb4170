import time

import boto3


class Poller:
    def __init__(self, client, delay=2):
        self.client = client
        time.sleep(delay)  # expect: WA502

    def wait(self, job_id):
        while not self._done(job_id):
            self._backoff()
        return job_id

    def _done(self, job_id):
        return self.client.get_job(JobId=job_id)["Status"] == "DONE"

    def _backoff(self):
        time.sleep(3)  # expect: WA502

    def unused(self):
        time.sleep(10)

    @staticmethod
    def static_nap():
        time.sleep(4)  # expect: WA502


class Report:
    def render(self):
        time.sleep(1)


def lambda_handler(event, context):
    poller = Poller(boto3.client("glue"))
    poller.wait(event["jobId"])
    Poller.static_nap()
    return {"done": True}
